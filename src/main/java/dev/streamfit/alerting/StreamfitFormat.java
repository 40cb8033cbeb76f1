package dev.streamfit.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.streamfit.findings.Finding;

/** StreamFit's own: the finding as {@code /api/v1/findings} shows it, wrapped with the event and a link. */
final class StreamfitFormat extends JsonNoticeFormat {

    record Payload(String id, AlertEvent event, String webhook, String link, Finding finding) {
    }

    StreamfitFormat(ObjectMapper json, ReportLinks links) {
        super(json, links);
    }

    @Override
    public byte[] render(Notice notice) {
        Finding finding = notice.alerts().get(0).finding();
        return write(new Payload(notice.id(), notice.event(), notice.webhook(), links.of(finding), finding));
    }
}
