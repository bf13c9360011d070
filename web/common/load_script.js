// A classic <script> tag: unlike fetch or module imports, it works from file:// too, so
// the wasm artifacts, the languages and the digits all load through it.
import { relu_lab_error } from './relu_lab_error.js';

export function load_classic_script(src) {
    return new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = src;
        script.onload = () => resolve();
        script.onerror = () => reject(new relu_lab_error('common.error_module_missing', { file: src }));
        document.head.appendChild(script);
    });
}
