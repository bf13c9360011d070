// The draw pad, "teach it your handwriting" and "what the network sees", mounted together
// in the trainer section's slot: the pad's digit is the one whose feature maps insight
// shows, and the drawings the handwriting panel collects come from the pad. Mounting twice into
// the same slot returns the first views (so either main.js or the trainer section may call it).
import { mount_draw_pad } from './draw/draw_pad.js';
import { mount_handwriting_panel } from './handwriting/handwriting_panel.js';
import { mount_insight } from './insight/insight.js';

const mounted = new WeakMap();

// slot: an element; client: trainer_client.js; relu_lab: the page's module; storage: a
// Storage or null (where the learner's drawings are kept).
export function mount_draw_and_insight(slot, { client, relu_lab, storage = null }) {
    if (mounted.has(slot)) return mounted.get(slot);
    const pad_element = document.createElement('section');
    pad_element.className = 'card trainer-draw';
    pad_element.dataset.control = 'draw';
    const handwriting_element = document.createElement('section');
    handwriting_element.className = 'card trainer-handwriting';
    handwriting_element.dataset.control = 'handwriting';
    const insight_element = document.createElement('section');
    insight_element.className = 'card trainer-insight-views';
    insight_element.dataset.control = 'insight';
    slot.append(pad_element, handwriting_element, insight_element);
    const draw_pad = mount_draw_pad(pad_element, { client, relu_lab });
    const handwriting = mount_handwriting_panel(handwriting_element, { client, draw_pad, storage });
    const insight = mount_insight(insight_element, { client, draw_pad });
    const views = Object.freeze({ draw_pad, handwriting, insight });
    mounted.set(slot, views);
    return views;
}
