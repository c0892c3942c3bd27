// The page's view of the preload bridge. The renderer talks to main only through this.
import type { TriageApi } from '../src-shared/contract';

declare global {
  interface Window {
    readonly triage: TriageApi;
  }
}

export {};
