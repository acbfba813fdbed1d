/// <reference types="svelte" />
import type { HedgeflowApi } from '../core/contract/bridge.js';

declare global {
  interface Window {
    /** The preload's bridge: named verbs over IPC; never the API key. */
    readonly hedgeflow: HedgeflowApi;
  }
}
