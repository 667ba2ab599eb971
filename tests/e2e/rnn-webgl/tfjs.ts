/** The page's tfjs module, for browser tests that import our TypeScript through Vite. */
export * as tf from '@tensorflow/tfjs';
