/** The book's search index, built from the chapters at build time (scripts/search-index.ts). */
declare module 'virtual:search-index' {
  /** `JSON.stringify(miniSearch)`: load with `MiniSearch.loadJSON(index, INDEX_OPTIONS)`. */
  const index: string;
  export default index;
}
