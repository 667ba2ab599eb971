declare module '*.mdx' {
  import type { ComponentType } from 'react';
  import type { MDXComponents } from 'mdx/types';
  /** Headings and other metadata exported from the chapter, if any. */
  const MDXContent: ComponentType<{ components?: MDXComponents }>;
  export default MDXContent;
}
