import { buildChain } from '../../graph/build';
import { code, graph, md } from '../cells';
import practice from './exercises/12-save-share';

// Tutorial 12: what can be saved where. The graph cell's buttons (Save model, Download model,
// Load weights, Copy as tfjs code / Keras Python), model.save from code (which the kernel's
// isolation limits to save handlers: tf.io.withSaveHandler and tf.io.fromMemory), and sharing the
// notebook as a link or a file.

export default [
  md(`
    # Save, load and share

    Three different things can be kept or sent on:

    1. **The notebook**: its cells, graphs and training settings. Layerbook saves it in this browser as
       you type (the toolbar says *All changes saved*), and it can be shared as a link or a file.
    2. **A trained model**: its architecture and its learned weights, the numbers training found.
       They are *not* part of the notebook: a notebook opened elsewhere has to be trained again, or be
       given the weights.
    3. **The model as code**: TensorFlow.js or Keras code that builds the same architecture, with
       fresh weights.

    First, a model worth keeping. **Press Train** below: a small digit classifier, trained in seconds to
    around 90 % on the test digits.
  `),
  graph(
    'classifier',
    buildChain(
      ['Input', { shape: [28, 28, 1] }],
      ['Flatten'],
      ['Dense', { units: 64, activation: 'relu' }],
      ['Dense', { units: 10, activation: 'softmax' }],
    ),
    {
      dataset: 'mnist',
      samples: 5000,
      loss: 'sparse_categorical_crossentropy',
      optimizer: 'adam',
      learning_rate: 0.002,
      epochs: 3,
      batch_size: 32,
      validation_split: 0.1,
      metrics: ['accuracy'],
    },
  ),
  md(`
    ## The buttons under a trained graph cell

    - **Save model** keeps the trained weights in this browser, beside the notebook. After a reload or
      *Restart kernel* the model starts with fresh weights again; **Load saved model** puts the saved
      ones back, with no training. Deleting the notebook deletes its saved models.
    - **Download model** writes two files: \`classifier.json\` (the architecture, and a list of every
      weight's name and shape) and \`classifier.weights.bin\` (the weights, as raw float32 numbers).
      This is TensorFlow.js's own format: \`tf.loadLayersModel\` reads it in any web page or in Node.
    - **Load weights…** reads such a pair of files back (pick both) into this graph cell. Each weight
      is checked by name and shape, so weights from another architecture are refused with the first
      one that differs.

    Try it: **Download model**, press **Train** again for a different model, then **Load weights…** with
    the two files: the old model is back, and the evaluation that follows shows its test accuracy again.

    In the graph cell's toolbar, **Copy as tfjs code** and **Copy as Keras Python** copy code that
    builds this architecture: the first for a code cell here or any TensorFlow.js project, the second
    for Keras 3 in Python (a \`.py\` file or a Colab cell). Code carries no weights: to use a trained
    model elsewhere, send the downloaded files with it.
  `),
  md(`
    ## Saving from code

    The trained graph model is \`classifier\` in code cells. In TensorFlow.js, \`model.save(url)\` picks
    where to write from the url: \`downloads://\` (a file download), \`indexeddb://\` and
    \`localstorage://\` (the browser's storage) or \`http://\` (a server). None of them works in a code
    cell here, on purpose: cells run in an isolated **kernel** with no page to download from, no
    storage and no network, so a notebook someone sends you cannot read your other notebooks or send
    your data anywhere. Try one:
  `),
  code(`
    try {
      await classifier.save('indexeddb://my-classifier');
      console.log('saved');
    } catch (e) {
      console.log('model.save refused:', (e as Error).message);
    }
  `),
  md(`
    The kernel refuses: the message (its wording depends on the browser) says that IndexedDB cannot be
    used in this context. \`downloads://\` would fail because there is no \`document\` (no page) to
    download from, and \`http://\` because the fetch cannot reach any server.

    What does work anywhere is a **save handler**: \`tf.io.withSaveHandler(fn)\` hands \`fn\` exactly
    what would have been written (the *artifacts*), and the code decides what to do with them. The
    buttons above are built on it: the kernel saves into a handler, and the page, which may use
    storage and downloads, keeps or downloads the result.
  `),
  code(`
    let artifacts: any = null; // what model.save would have written: set by the handler
    await classifier.save(
      tf.io.withSaveHandler(async (saved) => {
        artifacts = saved;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );

    // The weights manifest of model.json: every weight's name, shape and dtype, in the order of the bytes.
    display.table(
      artifacts.weightSpecs.map((w) => ({ name: w.name, shape: \`[\${w.shape.join(', ')}]\`, dtype: w.dtype })),
    );
    const savedBytes = artifacts.weightData.byteLength;
    const params = classifier.countParams();
    console.log(\`\${savedBytes} bytes of weights: \${params} numbers × 4 bytes\`);

    // The architecture, as model.json holds it: the model's class, then each layer's class and settings.
    const topology = artifacts.modelTopology;
    console.log(topology.class_name, 'of', topology.config.layers.map((layer) => layer.class_name).join(' → '));
  `),
  md(`
    \`artifacts.modelTopology\` is the architecture as JSON, in the format Keras writes: each layer's
    \`class_name\`, its \`config\` (units, activation …) and the layers it takes its input from.
    Together with the weights it is the whole model. \`tf.io.fromMemory(artifacts)\` turns it back into
    something \`tf.loadLayersModel\` reads, so the model can be rebuilt without any file:
  `),
  code(`
    const reloaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));

    // Both models on the first five test digits: the same ten probabilities for each.
    const { xTest } = await lb.datasets.load('mnist', { samples: 1 });
    const someDigits = xTest.slice(0, 5);
    const [before] = [classifier.predict(someDigits)].flat();
    const [after] = [reloaded.predict(someDigits)].flat();
    const largestDifference = await before.sub(after).abs().max().array();
    display.images(someDigits, { labels: (await before.argMax(-1).array()) as number[] });

    // The first digit's ten probabilities, from each model.
    const firstBefore = ((await before.array()) as number[][])[0];
    const firstAfter = ((await after.array()) as number[][])[0];
    display.table(
      [
        ['classifier (trained)', ...firstBefore.map((p) => p.toFixed(4))],
        ['reloaded from memory', ...firstAfter.map((p) => p.toFixed(4))],
      ],
      ['model', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    );
    console.log('largest difference between the two models:', largestDifference);
  `),
  md(`
    The two models give the same probabilities to the first digit (and to the others): saving and
    loading keeps every weight exactly. The reloaded model is independent of \`classifier\`: train one
    and the other does not change.

    (A model you build and train in code, rather than in a graph cell, is saved the same way. Its summary
    table, shown when a cell ends with the model, has **Open as graph**, which makes a graph cell of
    its architecture; train that one to get the buttons above.)

    ## Share the notebook

    **Share** in the notebook's toolbar makes a link that holds this whole notebook: cells, graphs and
    training settings, compressed into the part after \`#\`, which browsers never send to a server. It
    holds no outputs and no trained weights, so it stays short.

    Whoever opens the link sees the notebook **read-only**, and **nothing runs** until they press
    **Trust and run** (a notebook is code: only run one you trust). **Save a copy** puts it in their own
    library to edit. A link cut short by a chat app says it is damaged rather than opening half a
    notebook.

    Very long notebooks make long links: the Share dialog says when a link is too long for most chat
    apps, and offers **Download notebook file** instead (the same as **Export notebook** in the
    toolbar): a \`.layerbook.json\` file that **Open notebook file** on the home page opens. To send a
    trained model too, send its two downloaded files; the receiver trains nothing and presses
    **Load weights…**.
  `),
  ...practice,
  md(`
    ## Try next

    - Press **Share**, copy the link and open it in a private window: the notebook is there, untrained
      and waiting for *Trust and run*.
    - Change the model (another Dense layer) and press **Load weights…** with the files downloaded
      before: the message names the first weight that does not fit.
    - Paste **Copy as tfjs code** into a new code cell, run it, and compare its summary with the graph
      cell's.
  `),
];
