package dev.streamfit.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.streamfit.findings.Finding;
import dev.streamfit.findings.Rule;

/**
 * A Slack incoming-webhook message: {@code text} (the notification line, also what Slack shows where
 * blocks are not rendered) and {@code blocks}: the event, then severity, rule, workload, value against
 * threshold, the message (for a verdict: the recommendation), and a link to the report page. Names
 * are escaped: Slack reads {@code <}, {@code >} and {@code &} as markup.
 */
final class SlackFormat extends JsonNoticeFormat {

    SlackFormat(ObjectMapper json, ReportLinks links) {
        super(json, links);
    }

    @Override
    public byte[] render(Notice notice) {
        Finding f = notice.alerts().get(0).finding();
        String event = switch (notice.event()) {
            case FIRED -> "FIRING";
            case REPEATED -> "STILL FIRING";
            case RESOLVED -> "RESOLVED";
            case TEST -> "TEST";
        };
        String subject = subject(f);
        ObjectNode message = json.createObjectNode();
        message.put("text", "[" + event + "] " + f.severity().label() + " " + f.rule() + " on " + escape(subject) + ": " + escape(f.message()));
        ArrayNode blocks = message.putArray("blocks");
        blocks.addObject().put("type", "header").putObject("text").put("type", "plain_text").put("text", event + ": " + f.rule());
        ObjectNode facts = blocks.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        field(fields, "Severity", f.severity().label());
        field(fields, "Rule", "`" + f.rule() + "`");
        field(fields, "Workload", escape(subject));
        field(fields, "Value", f.value() == null ? "unknown"
                : AlertLabels.number(f.value()) + (f.threshold() == null ? "" : " (threshold " + AlertLabels.number(f.threshold()) + ")"));
        Rule rule = Rule.byId(f.rule());
        boolean verdict = rule == Rule.VERDICT_OUTGROWN_REDIS || rule == Rule.VERDICT_OVERBUILT_KAFKA;
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                .put("text", (verdict ? "*Recommendation:* " : "") + escape(f.message()));
        // Escaped too: a link to the findings carries an & between its filters.
        String link = links.of(f);
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", "<" + escape(link) + "|Open in StreamFit>" + (rule == null ? "" : " · " + escape(rule.meaning())));
        return write(message);
    }

    private static String subject(Finding f) {
        String subject = f.system().label() + "/" + f.target();
        if (f.workload() != null) {
            subject += " " + f.workload();
        }
        if (f.group() != null) {
            subject += " (group " + f.group() + ")";
        }
        return subject;
    }

    private static void field(ArrayNode fields, String name, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", "*" + name + "*\n" + value);
    }

    /** Slack's three control characters in message text. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
