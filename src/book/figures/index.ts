/** The book's static figures, one component per file; chapters import them from here. */
export { NgramBackoffFigure } from './NgramBackoffFigure';
export { DocumentTermMatrixFigure } from './DocumentTermMatrixFigure';
