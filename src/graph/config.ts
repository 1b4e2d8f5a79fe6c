import type { LayerConfig, LayerSpec, ParamSpec } from './types';

/** The layer's defaults overlaid with what the node sets. */
export function resolveConfig(spec: LayerSpec, config: Record<string, unknown>): LayerConfig {
  const cfg: LayerConfig = {};
  for (const p of spec.params) cfg[p.name] = (config[p.name] ?? p.default) as LayerConfig[string];
  return cfg;
}

/** What is wrong with one parameter's value, in a learner's words; null if it is fine. */
function checkParam(p: ParamSpec, value: unknown): string | null {
  switch (p.kind) {
    case 'int':
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${p.name} must be a number`;
      if (p.kind === 'int' && !Number.isInteger(value)) return `${p.name} must be a whole number`;
      if (p.min !== undefined && value < p.min) return `${p.name} must be at least ${p.min} (it is ${value})`;
      if (p.max !== undefined && value > p.max) return `${p.name} must be at most ${p.max} (it is ${value})`;
      return null;
    }
    case 'bool':
      return typeof value === 'boolean' ? null : `${p.name} must be true or false`;
    case 'enum':
      return p.options.includes(value as string) ? null : `${p.name} must be one of ${p.options.join(', ')}`;
    case 'ints': {
      if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v))) return `${p.name} must be whole numbers`;
      if (p.length !== undefined && value.length !== p.length) return `${p.name} needs ${p.length} numbers`;
      const min = p.min;
      if (min !== undefined && value.some((v) => v < min)) return `${p.name} values must be at least ${min}`;
      return null;
    }
    case 'dims': {
      if (!Array.isArray(value) || value.length === 0) return `${p.name} needs at least one dimension`;
      if (!value.every((v) => v === null || (Number.isInteger(v) && v > 0)))
        return `${p.name} dimensions must be positive whole numbers (or None)`;
      return null;
    }
  }
}

/** The first problem with a node's parameters, or null. */
export function checkConfig(spec: LayerSpec, cfg: LayerConfig): string | null {
  for (const p of spec.params) {
    const problem = checkParam(p, cfg[p.name]);
    if (problem) return problem;
  }
  return null;
}
