// Trained models shipped with the app, to use as a backbone (transfer learning). Each is made by a
// script in the repository from data the app ships, so anyone can rebuild it and see how.

export interface BackboneSpec {
  /** Its id in documents (ModelBlock.source.id). */
  id: string;
  label: string;
  help: string;
  /** The TensorFlow.js model.json (topology and weights manifest) and its weights, under public/. */
  model: string;
  weights: string;
  /** The layer it is cut at when it enters a graph: its features, before its own classifier. */
  cut: string;
}

export const BACKBONES: readonly BackboneSpec[] = [
  {
    id: 'digits-0-4',
    label: 'Digits 0–4 CNN',
    help:
      'A small convolutional network trained on the app’s MNIST digits 0–4 (99.6 % on their test digits), by ' +
      'scripts/make-backbone.mjs. Its input is a 28×28×1 image; cut before its classifier, it gives features ' +
      'that a new head can learn other digits from.',
    model: 'data/digits-0-4.json',
    weights: 'data/digits-0-4.weights.bin',
    cut: 'flatten',
  },
];

export const backboneSpec = (id: string): BackboneSpec | undefined => BACKBONES.find((b) => b.id === id);
