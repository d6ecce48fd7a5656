import "@testing-library/jest-dom/vitest";

// jsdom's Blob (and so File) has no arrayBuffer(), which browsers and the
// app's web view have; read the bytes with a FileReader instead.
if (typeof Blob.prototype.arrayBuffer !== "function") {
  Blob.prototype.arrayBuffer = function (this: Blob): Promise<ArrayBuffer> {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(this);
    });
  };
}

// jsdom has no ResizeObserver (Svelte's bind:clientWidth uses it); elements
// there have no size, so one that never reports is what jsdom would say.
if (typeof globalThis.ResizeObserver !== "function") {
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}
