import type { ReactNode } from 'react';
import type { InsightResult } from '../../protocol/insight';
import { ActivationsView } from './ActivationsView';
import { AttentionMap } from './AttentionMap';
import { GradCamGrid } from './GradCamGrid';

/** One Insight result as its panel: in a cell's output (from `insight.*`) or under a graph cell's controls. */
export function InsightView({ result, controls }: { result: InsightResult; controls?: ReactNode }) {
  switch (result.kind) {
    case 'gradCam':
      return <GradCamGrid result={result} controls={controls} />;
    case 'attention':
      return <AttentionMap result={result} controls={controls} />;
    case 'activations':
      return <ActivationsView result={result} controls={controls} />;
  }
}
