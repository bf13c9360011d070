// relu-lab-resizer.js: for the course page, not for ReLU Lab itself. A course page that
// frames ReLU Lab includes it once, after the iframe (the Embed dialog's snippet does):
//   <iframe src="https://host/relu-lab/?sections=quiz" data-relu-lab ...></iframe>
//   <script src="https://host/relu-lab/relu-lab-resizer.js"></script>
// Framed, the page posts { type: 'relu-lab:resize', version: 1, height } whenever its
// height changes (web/docs/embedding.md); this script sets the height of the iframe that
// sent it. A message counts only when it comes from an iframe of this page and from the
// origin of that iframe's address, so no other frame or window can resize anything.
// Frames that loaded before this script ran are asked for their height again.
// No dependencies, no globals beyond one flag against being included twice.
(function () {
    'use strict';
    if (window.relu_lab_resizer_started) return;
    window.relu_lab_resizer_started = true;
    var max_height_px = 100000;

    function frame_origin(frame) {
        try {
            return new URL(frame.src, location.href).origin;
        } catch (error) {
            return null;
        }
    }

    function frame_of(source) {
        var frames = document.getElementsByTagName('iframe');
        for (var i = 0; i < frames.length; i++) if (frames[i].contentWindow === source) return frames[i];
        return null;
    }

    window.addEventListener('message', function (event) {
        var data = event.data;
        if (data === null || typeof data !== 'object' || data.type !== 'relu-lab:resize') return;
        var frame = frame_of(event.source);
        if (frame === null || event.origin !== frame_origin(frame)) return;
        var height = data.height;
        if (typeof height !== 'number' || !isFinite(height) || height < 1 || height > max_height_px) return;
        frame.style.height = Math.ceil(height) + 'px';
    });

    function ask_height(frame) {
        var origin = frame_origin(frame);
        if (origin === null || frame.contentWindow === null) return;
        try {
            // file:// frames have the opaque origin "null", which postMessage cannot target.
            frame.contentWindow.postMessage(
                { type: 'relu-lab:get-height', version: 1 },
                origin === 'null' ? '*' : origin
            );
        } catch (error) {
            // a frame gone or navigated elsewhere: it reports on its own when it loads
        }
    }

    function watch_frames() {
        var frames = document.querySelectorAll('iframe[data-relu-lab]');
        for (var i = 0; i < frames.length; i++) {
            var frame = frames[i];
            if (frame.relu_lab_watched) continue;
            frame.relu_lab_watched = true;
            frame.addEventListener('load', ask_height.bind(null, frame));
            ask_height(frame);
        }
    }

    watch_frames();
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch_frames);
})();
