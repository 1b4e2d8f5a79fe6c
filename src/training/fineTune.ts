import type { TrainConfig } from '../doc/trainConfig';
import type { FineTune } from '../protocol/messages';

/**
 * What the Fine-tune panel suggests: a tenth of the cell's learning rate (Keras tutorials fine-tune
 * at 10 to 100 times less, so the unfrozen layers adapt without forgetting) for as many epochs again.
 */
export function suggestedFineTune(config: TrainConfig): FineTune {
  return { learningRate: Number((config.learning_rate / 10).toPrecision(3)), epochs: config.epochs };
}
