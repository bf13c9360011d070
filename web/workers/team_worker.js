// A training helper: one more member of the trainer's team (training_team.js). It holds
// a copy of the model, takes its share of every batch, and talks to the other members
// over the MessagePorts the page hands it:
//   join_team { index, size, ports, slow_ms_per_image? }   ports[i] reaches member i (null
//                                      at its own index); slow_ms_per_image: tests only
import { serve_team_helper } from './training_team.js';
import { warm_up_training } from './warm_up.js';
import { on_module_built, serve_module_requests } from './worker_module.js';

let member = null;

on_module_built(warm_up_training);

serve_module_requests((relu_lab, request) => {
    if (request.type !== 'join_team') throw new Error(`unknown request ${request.type}`);
    member?.close();
    member = serve_team_helper(relu_lab, {
        index: request.index,
        size: request.size,
        ports: request.ports,
        slow_ms_per_image: request.slow_ms_per_image ?? 0,
    });
    return { ok: true };
});
