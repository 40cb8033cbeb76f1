package dev.streamfit.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A notice format written as JSON, with links to the report page. */
abstract class JsonNoticeFormat implements NoticeFormat {

    protected final ObjectMapper json;
    protected final ReportLinks links;

    JsonNoticeFormat(ObjectMapper json, ReportLinks links) {
        this.json = json;
        this.links = links;
    }

    protected byte[] write(Object payload) {
        try {
            return json.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            // Records, maps and strings only: a failure here is a bug, not bad input.
            throw new IllegalStateException(e);
        }
    }
}
