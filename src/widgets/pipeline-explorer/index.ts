// Placeholder until the widget lands (work in progress in this session).
export { PipelineExplorer } from './PipelineExplorer';
