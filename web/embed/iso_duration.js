// Milliseconds -> an ISO 8601 duration such as "PT1H2M3.45S", the form SCORM 2004
// (cmi.session_time, interaction latency) and xAPI (result.duration) both take. To the
// hundredth of a second, which is SCORM 2004's precision; zero parts are left out and
// nothing at all is "PT0S". Hours are not folded into days: platforms read them as is.
export function iso_duration(ms) {
    const centiseconds = Math.max(0, Math.round(Number.isFinite(ms) ? ms / 10 : 0));
    const hours = Math.floor(centiseconds / 360_000);
    const minutes = Math.floor(centiseconds / 6000) % 60;
    const seconds_cs = centiseconds % 6000;
    let text = 'PT';
    if (hours > 0) text += `${hours}H`;
    if (minutes > 0) text += `${minutes}M`;
    if (seconds_cs > 0 || text === 'PT') {
        const whole = Math.floor(seconds_cs / 100);
        const fraction = seconds_cs % 100;
        text += fraction === 0 ? `${whole}S` : `${whole}.${String(fraction).padStart(2, '0').replace(/0$/, '')}S`;
    }
    return text;
}
