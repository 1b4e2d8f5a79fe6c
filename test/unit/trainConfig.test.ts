import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRAIN_CONFIG,
  describeProblems,
  fieldInUse,
  runnableTrainConfig,
  settingProblems,
  trainConfigOf,
  TRAIN_FIELDS,
  validSettingsOnly,
} from '../../src/doc/trainConfig';

// Issue 22: a half-typed or wrong training setting costs that field only, never the others,
// and a run takes only settings the learner chose.

const chosen = { epochs: 7, batch_size: 64, dataset: 'shapes', optimizer: 'sgd', metrics: ['accuracy', 'recall'] };

describe('training settings, field by field', () => {
  it('a learning rate of 0 (on the way to 0.001) keeps every other setting', () => {
    const config = trainConfigOf({ ...chosen, learning_rate: 0 });
    expect(config).toEqual({ ...DEFAULT_TRAIN_CONFIG, ...chosen });
    expect(settingProblems({ ...chosen, learning_rate: 0 })).toEqual([
      { field: 'learning_rate', label: 'Learning rate', message: 'Learning rate must be a number above 0, at most 10.' },
    ]);
  });

  it('says in a learner’s words what each field takes, for out-of-range numbers and text that is not one yet', () => {
    const messages = settingProblems({
      samples: 5,
      noise: 2,
      epochs: 1.5,
      batch_size: '',
      validation_split: '0.3',
      patience: '1e',
      loss: 'nope',
      early_stopping: 'yes',
      metrics: ['f1'],
    }).map((p) => p.message);
    expect(messages).toEqual([
      'Loss must be one of sparse_categorical_crossentropy, categorical_crossentropy, binary_crossentropy, mse, mae, huber, hinge.',
      'Epochs must be a whole number from 1 to 1,000.',
      'Batch size must be a whole number from 1 to 4,096.',
      'Validation split must be a number from 0 to 0.9.',
      'Samples must be a whole number from 10 to 100,000.',
      'Noise must be a number from 0 to 1.',
      'Patience must be a whole number from 1 to 100.',
      'Metrics must be a list of accuracy, precision, recall, mae.',
      'EarlyStopping must be on or off.',
    ]);
  });

  it('takes every value at the edges of its range, and a missing field is no problem (it takes its default)', () => {
    expect(
      settingProblems({ samples: 10, noise: 0, learning_rate: 10, epochs: 1000, batch_size: 4096, validation_split: 0.9, patience: 100 }),
    ).toEqual([]);
    expect(settingProblems(undefined)).toEqual([]);
    expect(trainConfigOf(undefined)).toEqual(DEFAULT_TRAIN_CONFIG);
  });

  it('a run gets all the settings or none: each field to fix is named, in the panel’s order', () => {
    expect(runnableTrainConfig({ ...chosen, learning_rate: 0.001 })).toEqual({
      ok: true,
      config: { ...DEFAULT_TRAIN_CONFIG, ...chosen, learning_rate: 0.001 },
    });
    const refused = runnableTrainConfig({ ...chosen, learning_rate: 0, epochs: '' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(describeProblems(refused.problems)).toBe(
      'Fix Learning rate, Epochs first: Learning rate must be a number above 0, at most 10. Epochs must be a whole number from 1 to 1,000.',
    );
  });

  it('every field has a label, a rule and a default that passes its own check', () => {
    for (const [field, { label, rule, schema }] of Object.entries(TRAIN_FIELDS)) {
      expect(label, field).not.toBe('');
      expect(rule, field).not.toBe('');
      expect(schema.safeParse(DEFAULT_TRAIN_CONFIG[field as keyof typeof DEFAULT_TRAIN_CONFIG]).success, field).toBe(true);
    }
  });

  it('an old document keeps only its valid, known settings (each bad one then takes its own default)', () => {
    expect(validSettingsOnly({ ...chosen, learning_rate: 0, loss: 'nope', leftover: 1 })).toEqual(chosen);
  });

  it('only the settings a run uses can stop it: momentum is SGD’s, weight decay AdamW’s, noise a generated set’s', () => {
    const halfMomentum = { optimizer: 'sgd', momentum: '' };
    expect(settingProblems(halfMomentum).map((p) => p.field)).toEqual(['momentum']);
    expect(settingProblems({ ...halfMomentum, optimizer: 'adam' })).toEqual([]);
    expect(runnableTrainConfig({ ...halfMomentum, optimizer: 'adam' })).toEqual({
      ok: true,
      config: { ...DEFAULT_TRAIN_CONFIG, optimizer: 'adam' },
    });
    expect(settingProblems({ optimizer: 'adamw', weight_decay: 2 }).map((p) => p.field)).toEqual(['weight_decay']);
    expect(settingProblems({ dataset: 'mnist', noise: -1 })).toEqual([]);
    expect(settingProblems({ dataset: 'shapes', noise: -1 }).map((p) => p.field)).toEqual(['noise']);
    const config = trainConfigOf({ optimizer: 'sgd' });
    expect(['momentum', 'weight_decay', 'noise', 'epochs'].map((f) => fieldInUse(f as 'momentum', config))).toEqual([
      true,
      false,
      true,
      true,
    ]);
  });
});
