/** The README's user section, bundled by vite.config.ts. */
declare module 'virtual:user-guide' {
  const text: string;
  export default text;
}
