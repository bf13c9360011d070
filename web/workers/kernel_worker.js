// A worker that evaluates activation kernels off the main thread: the smallest user of
// worker_host.js, and the pattern the trainer's worker follows.
import { serve_module_requests } from './worker_module.js';

serve_module_requests((module, request) => {
    if (request.type === 'forward') return module.forward(request.name, Float32Array.from(request.x), request.param);
    if (request.type === 'derivative')
        return module.derivative(request.name, Float32Array.from(request.x), request.param);
    throw new Error(`unknown request ${request.type}`);
});
