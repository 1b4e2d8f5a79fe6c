import { code, graph, md } from '../cells';
import { onBackbone } from '../backboneGraphs';
import practice, { FEW_DIGITS } from './exercises/13-transfer-learning';

// Tutorial 13: transfer learning. The shipped digits 0–4 CNN (scripts/make-backbone.mjs) is reused
// for the digits 5–9 with 20 labelled examples of each: a new head on the frozen backbone, then a
// fine-tune of its top convolution, then the same network from scratch, compared in the run history.
// The first graph cell must stay `transfer`: the end-to-end test trains it, fine-tunes it and trains it from scratch.

export default [
  md(`
    # Transfer learning

    Training a network from nothing needs many labelled examples. Often there are few: a hundred photos
    of a rare plant, twenty recordings of a new word. **Transfer learning** starts instead from a network
    already trained on a related task with plenty of data, keeps what it learned about its inputs, and
    trains only a small new part for the new task. Teachable Machine works this way, on a network trained
    on millions of photos; Keras tutorials do it with \`keras.applications\`.

    Here the whole story is small enough to see:

    - **The backbone** is a CNN trained on MNIST's digits **0 to 4** only (10,209 of them): two
      convolutions with poolings, then a classifier. It reaches 99.6 % on the test digits 0–4. The script
      that trained it is in Layerbook's repository (\`scripts/make-backbone.mjs\`), from the digits the app
      ships, so anyone can make it again.
    - **The new task**: the digits **5 to 9**, which the backbone has never seen, from just **20 labelled
      examples of each** (the dataset *MNIST digits 5–9, few labelled*, Samples 100).

    The graph below is that backbone as one layer, \`digits_0_4\`, as **Use a model as a backbone** puts it
    in a graph: **cut** at its \`flatten\` layer, so it hands on the 800 numbers its convolutions computed
    and leaves out its own classifier, and **frozen** (the lock on the node), so training leaves its
    weights alone. After it comes the **head**: one Dense layer with 5 outputs, one per digit.

    **Press Train.** It takes about a second.
  `),
  graph('transfer', onBackbone(['Dense', { units: 5, activation: 'softmax' }]), FEW_DIGITS),
  md(`
    ## What trained

    The summary under the graph says *Trainable params: 4,005*: the head's 800 × 5 weights and 5 biases.
    The 4,800 parameters of the backbone's two convolutions are *Non-trainable*. From 100 examples, the
    head reaches about **88 %** on the 996 test digits 5–9.

    It can, because the features a network learns for one set of digits serve for others: strokes,
    curves, loops and their places. The backbone was never told what a 7 is, but it turns every digit
    into 800 numbers that describe its shape, and telling five digits apart from those is a much
    smaller problem than from raw pixels.

    The kernel's model says the same from code: only the head's two weights train.
  `),
  code(`
    const learns = transfer.trainableWeights.map((w) => w.originalName);
    const kept = transfer.nonTrainableWeights.length;
    console.log(\`transfer trains \${learns.join(' and ')}; \${kept} weights of the backbone stay as they are\`);
  `),
  md(`
    ## Phase two: fine-tuning

    Keras tutorials go on in two phases. The head is trained first, with the backbone frozen: a head with
    random weights would send large, random corrections back into the backbone and spoil what it knows.
    Then the **top** layers of the backbone are unfrozen and the whole is trained a little more with a
    much **lower learning rate**, so that those layers adapt to the new digits without forgetting.

    1. Click the \`digits_0_4\` node. In its settings beside the graph, tick **Trainable**: the block's layers
       are listed below it, each with its own box.
    2. Untick \`conv2d\`, the first convolution: its edge and stroke detectors serve any digit. Leave
       \`conv2d_1\` ticked. The summary now counts 4,640 more trainable parameters.
    3. Under the training settings, **Fine-tune** suggests a learning rate a tenth of the cell's (0.0005)
       and 6 more epochs. Press **Fine-tune**.

    The run goes on from where the first phase ended: the charts continue at epoch 7, and the
    learning-rate chart marks the switch. With 20 examples of each digit, fine-tuning gains little: 87.9 %
    to 88.3 % here, about a point on average over the seeds 1, 2 and 3. Training the frozen head for 6 more
    epochs at its own rate gains as much or more (89.5 % here): with so few examples, the backbone's
    features are not what holds the head back.

    ## The same network from scratch

    Is the pretraining really what helps, or would this network learn the digits 5–9 from 100 examples
    anyway? Train it from nothing to see:

    1. In the \`digits_0_4\` node's settings, set **Start from** to *fresh weights (from scratch)*.
    2. Tick \`conv2d\` again, so that every layer trains.
    3. Press **Train** (not Fine-tune: this is a new run from random weights).

    The same layers, the same 100 digits, the same 6 epochs: about **64 %** instead of 88 %. Over the
    seeds 1, 2 and 3 the frozen backbone is ahead by about 19 points on average, after the same 6 epochs.
    What the backbone learned from ten thousand digits 0–4 stands in for the examples of 5–9 it lacks.

    ## Comparing the runs

    The **Run history** under the cell lists both runs. Run 1 has two phases, the frozen head then the
    fine-tune, as one row: *epochs* shows 6 + 6, and *test* shows the accuracy before and after the
    fine-tune. Run 2 is the network from scratch. The *backbone* column says how the backbone started
    and what trained. Pick **acc** (the accuracy) under *Compare* to see the runs' curves on one chart.

    The Keras export (**Copy as Keras Python**) builds the backbone as a \`keras.Model\` called on the
    input, and freezes its layers by name, as Keras's transfer-learning guide does.
  `),
  ...practice,
  md(`
    ## Try next

    - **Fewer examples:** set *Samples* to 25 (5 of each digit) and train with the frozen backbone and from
      scratch again. Does the gap grow or shrink?
    - **More examples:** at Samples 2,000, how close does the network from scratch come? Does fine-tuning
      gain more than with 100?
    - **Another seed:** *Seed* changes the head's starting weights and the order of the examples. How much
      do the two kinds of run vary from seed to seed? Which varies more?
  `),
];
