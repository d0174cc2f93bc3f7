/** See build.mjs: plain JavaScript, so that `npm start` needs no TypeScript loader. */
export const REPO_ROOT: string;
export function staleReason(root?: string): Promise<string | undefined>;
export const TEMPLATE: string;
export function build(root?: string, options?: { template: "exact" | "reuse" }): Promise<void>;
