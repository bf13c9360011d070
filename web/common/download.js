// Offers bytes or text as a file download: a temporary link to a Blob URL, clicked once.
// The URL is revoked later, not at once, because some browsers start the download after
// the click has returned.
const revoke_after_ms = 10_000;

export function offer_download(doc, content, file_name, type = 'application/octet-stream') {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const link = doc.createElement('a');
    link.href = url;
    link.download = file_name;
    doc.body.appendChild(link);
    try {
        link.click();
    } finally {
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), revoke_after_ms);
    }
}
