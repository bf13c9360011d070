// The H5P content type H5P.ReluLab: the whole ReLU Lab page (the single-file build, which
// build-scripts/package-h5p.mjs puts in H5P.ReluLabPage.html, wasm and all, since an H5P
// library may carry only scripts and styles) in a frame of its own, showing what the
// author chose in H5P's editor (semantics.json): a section, a lab, a language, the quiz
// topics, the mastery score. Quiz results go out as H5P's xAPI events: each answer
// 'answered' (scored 1 or 0), each finished quiz session 'completed' with its score and
// whether it reached the mastery score.
//
// The frame is written with document.open(), so it shares this document's address and
// origin; its query is then set to the author's choices before the page's scripts run,
// which read it as any embedding's address (web/docs/embedding.md). The page posts its
// height and learning events to this frame (web/embed/parent_messages.js, resize.js).
/* global H5P */
H5P.ReluLab = (function (EventDispatcher) {
    var sections = ['learn', 'explorer', 'labs', 'trainer', 'quiz'];
    var languages = ['en', 'de', 'zh-Hans', 'es', 'it'];
    var name_pattern = /^[a-z][a-z0-9_-]{0,47}$/;

    // The author's parameters -> the page's query ("?sections=quiz&lang=de"), checked.
    function page_query(params) {
        var query = [];
        var section = sections.indexOf(params.section) >= 0 ? params.section : null;
        var lab =
            typeof params.lab === 'string' && name_pattern.test(params.lab) && params.lab !== 'all' ? params.lab : null;
        if (section) query.push('sections=' + section);
        if (lab && (section === null || section === 'labs')) query.push('lab=' + lab);
        if (languages.indexOf(params.language) >= 0) query.push('lang=' + params.language);
        if (params.lock_language === true) query.push('lock=language');
        return query.length ? '?' + query.join('&') : '';
    }

    // The shipped bank cut to the topics ticked, or null for all of them.
    function bank_for_topics(bank, topics) {
        if (!bank || !topics || typeof topics !== 'object') return null;
        var chosen = Object.keys(topics).filter(function (topic) {
            return topics[topic] === true;
        });
        var questions = bank.questions.filter(function (q) {
            return chosen.indexOf(q.topic) >= 0;
        });
        if (chosen.length === 0 || questions.length === 0 || questions.length === bank.questions.length) return null;
        return Object.assign({}, bank, { questions: questions });
    }

    function ReluLab(params, content_id) {
        EventDispatcher.call(this);
        this.params = params || {};
        this.content_id = content_id;
        var mastery = Number(this.params.mastery_score);
        this.mastery_percent = Number.isFinite(mastery) && mastery >= 0 && mastery <= 100 ? mastery : 80;
        this.last_result = null; // { score, max_score } of the last finished session
    }
    ReluLab.prototype = Object.create(EventDispatcher.prototype);
    ReluLab.prototype.constructor = ReluLab;

    ReluLab.prototype.attach = function ($container) {
        var self = this;
        var container = $container.get(0);
        container.classList.add('h5p-relu-lab');
        var frame = document.createElement('iframe');
        frame.className = 'h5p-relu-lab-frame';
        frame.title = 'ReLU Lab';
        container.replaceChildren(frame);
        window.addEventListener('message', function (event) {
            if (event.source !== frame.contentWindow) return;
            self.on_page_message(frame, event.data);
        });
        var doc = frame.contentDocument;
        doc.open();
        // The page reads the author's choices from its address, like any embedding's.
        frame.contentWindow.history.replaceState(
            null,
            '',
            page_query(this.params) || frame.contentWindow.location.pathname
        );
        doc.write(H5P.ReluLabPage.html);
        doc.close();
        this.when_ready(frame, function (relu_lab) {
            var bank = bank_for_topics(H5P.ReluLabPage.bank, self.params.quiz_topics);
            if (bank && relu_lab.quiz) relu_lab.quiz.use_bank(bank);
        });
    };

    // Calls back with the page's relu_lab object once every section has mounted.
    ReluLab.prototype.when_ready = function (frame, callback) {
        var root = frame.contentDocument.documentElement;
        var done = false;
        function check() {
            if (done || root.dataset.ready !== 'true') return;
            done = true;
            observer.disconnect();
            callback(frame.contentWindow.relu_lab);
        }
        var observer = new MutationObserver(check);
        observer.observe(root, { attributes: true, attributeFilter: ['data-ready'] });
        check();
    };

    ReluLab.prototype.on_page_message = function (frame, data) {
        if (!data || typeof data !== 'object' || typeof data.type !== 'string') return;
        if (data.type === 'relu-lab:resize' && Number.isFinite(data.height)) {
            frame.style.height = Math.ceil(data.height) + 'px';
            this.trigger('resize');
        } else if (data.graded === false) {
            // Practice after the last graded attempt: the host gets no answer and no score of it.
            return;
        } else if (data.type === 'relu-lab:quiz.answered' && typeof data.correct === 'boolean') {
            var answered = this.createXAPIEventTemplate('answered');
            answered.setScoredResult(data.correct ? 1 : 0, 1, this, true, data.correct);
            this.trigger(answered);
        } else if (
            data.type === 'relu-lab:quiz.completed' &&
            Number.isFinite(data.score) &&
            Number.isFinite(data.max_score)
        ) {
            this.last_result = { score: data.score, max_score: data.max_score };
            var percent = data.max_score > 0 ? (100 * data.score) / data.max_score : 0;
            this.triggerXAPIScored(data.score, data.max_score, 'completed', true, percent >= this.mastery_percent);
        }
    };

    // H5P's scoring contract (hosts that ask for a score).
    ReluLab.prototype.getScore = function () {
        return this.last_result ? this.last_result.score : 0;
    };
    ReluLab.prototype.getMaxScore = function () {
        return this.last_result ? this.last_result.max_score : 0;
    };

    return ReluLab;
})(H5P.EventDispatcher);
