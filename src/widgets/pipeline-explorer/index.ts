/** Chapter 1's preprocessing pipeline explorer widget. */
export { PipelineExplorer } from './PipelineExplorer';
