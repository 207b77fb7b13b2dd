/** Types of scripts/render-worker-bundle.mjs, for next.config.ts. */
export declare const RENDER_WORKER_DIR: string;
export declare const RENDER_WORKER_ENTRY: string;
export declare function bundleRenderWorker(root?: string): Promise<string>;
