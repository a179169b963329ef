// Vite bundles the screen's plain CSS imports; TypeScript only needs to know they exist.
declare module '*.css';
