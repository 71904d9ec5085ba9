/** Types of build.mjs, for the benchmarks that bundle their diagnostic child with it. */
export declare const SERVER_DIR: string;
/**
 * Bundles `entryPoints` ({ name: source }) into `outdir` with the migrations beside them; removes
 * the outputs of previous builds that this one did not write.
 */
export declare function bundleServer(entryPoints: Record<string, string>, outdir: string): Promise<void>;
