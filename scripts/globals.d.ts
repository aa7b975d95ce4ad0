// Names the JavaScript that ships uses but does not define (scripts/tsconfig.json, `tsc --noEmit`).

/** Defined by the release build (scripts/post-build.mjs): the sha384 of each file embed.js fetches. */
declare const __LLD_INTEGRITY__: Record<string, string> | undefined;
