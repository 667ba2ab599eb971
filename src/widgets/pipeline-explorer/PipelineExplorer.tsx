/** Work in progress: replaced by the real pipeline explorer. */
export function PipelineExplorer() {
  return <section data-widget="pipeline-explorer">Pipeline explorer (work in progress)</section>;
}
