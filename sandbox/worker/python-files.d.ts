/** The Python sources under sandbox/python, bundled by plugins/sandbox-worker.ts. */
declare module 'patchbay:python-files' {
  const files: Readonly<Record<string, string>>;
  export default files;
}
