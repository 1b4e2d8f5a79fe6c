import { buildChain } from '../../graph/build';
import { code, graph, md } from '../cells';
import practice, { FORECAST_TRAINING } from './exercises/08-time-series';

// Tutorial 8: forecasting the next value of a noisy wave from a window of the last 30, and
// checking the forecaster against the naive "tomorrow is like today" forecast.

export default [
  md(`
    # Time series: forecasting the next value

    A time series is a list of measurements taken one after another: a temperature every hour, a
    heartbeat, a price. To **forecast** is to guess the next value from the ones before it.

    A network cannot read an endless list, so we cut the series into **windows**: each example is 30
    consecutive values, and its label is the value that came right after them. Sliding the window one
    step along the series gives the next example, so neighbouring examples overlap in 29 of their 30
    values.

    Layerbook's **sine** dataset is made exactly this way from a sum of two sine waves (a fast one and
    a slow one) with random noise added to every value. Its windows come **shuffled**, and a fifth of
    them, picked at random, are held out as the test split. Run the cell below to load it, draw the
    wave it was cut from, and look at one example.
  `),
  code(`
    // The same windows the graph cell below trains on: 1,000 windows, 200 of them held out for testing.
    const sine = await lb.datasets.load('sine', { samples: 1000, noise: 0.5, seed: 1 });
    const { xTrain, yTrain, xTest, yTest } = sine;

    // The dataset's recipe: two sines and normal noise (std 0.2 × the Noise setting, here 0.1).
    const gaussian = () => Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
    const wave = (t: number, noise = 0.5) => Math.sin(t * 0.2) + 0.5 * Math.sin(t * 0.05 + 1) + gaussian() * noise * 0.2;
    const steps = Array.from({ length: 300 }, (_, t) => t);
    display.plot(
      { 'with noise': steps.map((t) => wave(t)), 'without noise': steps.map((t) => wave(t, 0)) },
      { title: 'The first 300 steps of the wave', xLabel: 'time step' },
    );

    // One example: a window of 30 values and the value after it, which the model must guess.
    const window0 = Array.from(xTrain.slice([0, 0, 0], [1, -1, 1]).dataSync());
    display.plot(
      [
        { name: 'window (input)', y: window0 },
        { name: 'next value (label)', x: [30], y: [yTrain.arraySync()[0]] },
      ],
      { type: 'scatter', title: 'One example', xLabel: 'step in the window' },
    );
    xTrain.shape;
  `),
  md(`
    The shape \`[800, 30, 1]\` reads: 800 examples, 30 time steps each, **one feature** per step. A
    series with several measurements per step (temperature *and* pressure) would have more features in
    that last place. Keras's \`timeseries_dataset_from_array\` cuts windows like these from a long
    array; TensorFlow.js has no such helper, so here the dataset comes already cut.

    ## First, the forecast to beat

    Before training anything, ask what the simplest honest guess would score. For a series that
    changes slowly, **the next value is about the last one**. This *naive* (or *persistence*)
    forecast needs no training at all, and a model that cannot beat it has learned nothing useful.

    We score forecasts with the **mean squared error** (MSE): the average of (guess − truth)², lower is
    better.
  `),
  code(`
    // The naive forecast: each test window's last value.
    const naive = xTest.slice([0, 29, 0], [-1, 1, 1]).reshape([-1]);
    const naiveMse = tf.losses.meanSquaredError(yTest, naive).dataSync()[0];
    naiveMse;
  `),
  md(`
    ## A Conv1D + LSTM forecaster

    The graph cell below reads a window in two stages:

    - **Conv1D** slides 16 small filters, each 5 steps wide, along the window, moving 2 steps at a
      time (\`strides: 2\`). Each filter learns a local pattern (a rise, a peak, a wiggle of noise) and
      outputs how strongly it sees it at each place, so the 30 values become 13 steps of 16 features.
    - **LSTM** then reads those 13 steps in order, keeping a memory it updates at every step, and
      outputs its final memory (16 numbers). Its gates let it decide what to keep and what to forget.
      An LSTM must work through its steps one after another, so the shorter sequence the convolution
      hands it makes training much faster.
    - **Dense(1)** with no activation turns that memory into one number: the forecast.

    The loss is **MSE**, the same score we use to judge it, and the metric is the mean absolute error
    (MAE), which is easier to read because it is in the series' own units.

    **Do this:** press **Train**. The run takes the 800 training windows (a fifth of them for
    validation) and, at the end, shows **Test metrics** for the test split: the same 200 windows the
    naive forecast was scored on.
  `),
  graph(
    'forecaster',
    buildChain(
      ['Input', { shape: [30, 1] }],
      ['Conv1D', { filters: 16, kernel_size: 5, strides: 2, padding: 'valid', activation: 'relu', use_bias: true }],
      ['LSTM', { units: 16, activation: 'tanh', return_sequences: false }],
      ['Dense', { units: 1, activation: 'linear', use_bias: true }],
    ),
    FORECAST_TRAINING,
  ),
  md(`
    ## Did it beat the naive forecast?

    After training, \`forecaster\` in a code cell is the trained model. We ask it for a forecast on
    every test window and score it the same way as the naive one.
  `),
  code(`
    const forecast = (forecaster.predict(xTest) as tf.Tensor).reshape([-1]);
    const forecasterMse = tf.losses.meanSquaredError(yTest, forecast).dataSync()[0];
    display.table([
      { forecast: 'naive (last value)', 'test MSE': naiveMse },
      { forecast: 'Conv1D + LSTM', 'test MSE': forecasterMse },
    ]);

    // Each test window as a point: its true next value across, a forecast up. Perfect forecasts lie on the diagonal.
    display.plot(
      [
        { name: 'naive', x: yTest, y: naive },
        { name: 'Conv1D + LSTM', x: yTest, y: forecast },
      ],
      { type: 'scatter', title: 'Forecast against truth, test windows', xLabel: 'true next value', yLabel: 'forecast' },
    );
    ({ naiveMse, forecasterMse, better: forecasterMse < naiveMse });
  `),
  md(`
    The forecaster's points hug the diagonal more tightly than the naive ones: the naive forecast's test
    MSE is about 0.04, and the forecaster's is well below it, usually around 0.02.

    A word of warning about this test split. The windows were shuffled before it was cut, so a test
    window usually has neighbours in the training set that share 29 of its 30 values: the model has,
    in effect, seen most of it. Real forecasting tests on the **latest** stretch of time, after
    everything the model trained on. Because we know the dataset's recipe, we can do that: make 200
    new steps of the wave, from step 2,000 on, far past the 1,030 steps the dataset was cut from, and
    forecast each one from the 30 before it.
  `),
  code(`
    const future = Array.from({ length: 230 }, (_, i) => wave(2000 + i));
    const windows = tf.tensor3d(Array.from({ length: 200 }, (_, i) => future.slice(i, i + 30).map((v) => [v])));
    const later = tf.tensor1d(future.slice(30));
    const laterForecast = (forecaster.predict(windows) as tf.Tensor).reshape([-1]);
    const laterNaive = windows.slice([0, 29, 0], [-1, 1, 1]).reshape([-1]);
    display.plot(
      { truth: later, 'Conv1D + LSTM': laterForecast, naive: laterNaive },
      { title: 'Forecasting 200 new steps, one step ahead', xLabel: 'step after 2,030' },
    );
    ({
      naiveMse: tf.losses.meanSquaredError(later, laterNaive).dataSync()[0],
      forecasterMse: tf.losses.meanSquaredError(later, laterForecast).dataSync()[0],
    });
  `),
  md(`
    On this plot the naive line is the truth shifted one step to the right, noise and all: it always
    arrives late. The forecaster's line follows the wave's shape and ignores much of the noise,
    because it saw 30 values and learned what the wave does next, not what the last point happened to
    be. Compare the scores of both, printed under the cell, with their scores on the test split.

    No forecaster can reach an MSE of zero here: the noise added to each value is new, random, and
    unpredictable from the past. With this dataset's noise setting (0.5) that noise has a standard
    deviation of 0.1, so about **0.01** is the floor any forecast can reach on average.

    ## The same model in code

    In TensorFlow.js the forecaster is a \`tf.sequential\` stack. Keras writes
    \`keras.layers.Conv1D(16, 5, strides=2, activation="relu")\`; tfjs takes one options object with camelCase
    names. *Copy as tfjs code* and *Copy as Keras Python* on the graph cell write this for you.

    \`\`\`ts
    const model = tf.sequential({
      layers: [
        tf.layers.conv1d({ inputShape: [30, 1], filters: 16, kernelSize: 5, strides: 2, activation: 'relu' }),
        tf.layers.lstm({ units: 16 }),
        tf.layers.dense({ units: 1 }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError', metrics: ['mae'] });
    await model.fit(xTrain, yTrain, { epochs: 25, batchSize: 32, validationSplit: 0.2 });
    \`\`\`
  `),
  ...practice,
  md(`
    ## Try next

    - **Only the LSTM:** delete the Conv1D layer and train again. Is the forecast better or worse,
      and how much longer does each epoch take now that the LSTM reads all 30 steps?
    - **More noise:** set *Noise* to 1 (in both the graph cell and the first code cell, so the naive
      forecast is scored on the same data). The naive forecast suffers most, because it copies the
      noise of the last value.
    - **Further ahead:** forecasting the step after next needs windows whose label is two steps on.
      Make them with \`wave\` in a code cell (as the cell above made its 200 windows), train a
      \`tf.sequential\` model on them with \`model.fit\`, and compare it with the naive forecast again:
      which of the two loses more when the horizon grows?
  `),
];
