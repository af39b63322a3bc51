package org.movetimeline.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.movetimeline.timeline.TimelineNotification;
import org.movetimeline.testsupport.Webhook;
import org.movetimeline.receiver.NotificationBatchParser.ParsedBatch;
import org.movetimeline.receiver.NotificationBatchParser.Rejected;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.movetimeline.receiver.MutatedBodies.concat;
import static org.movetimeline.receiver.MutatedBodies.utf8;

/** Every body gets a verdict: items published byte-exact, or each unusable part kept with a reason. */
class NotificationBatchParserTest {

    static final String GOOD = Webhook.item(1000, "u1", Webhook.BASE);

    final NotificationBatchParser parser = new NotificationBatchParser(new ObjectMapper());

    /** The body went to the DLQ whole, for {@code reason}. */
    static void assertWhole(byte[] body, String reason, ParsedBatch batch) {
        assertEquals(List.of(), batch.usable());
        assertEquals(1, batch.rejected().size(), () -> "one DLQ record, got " + reasons(batch));
        assertArrayEquals(body, batch.rejected().get(0).raw(), "the body whole, as received");
        assertEquals(reason, batch.rejected().get(0).reason());
    }

    static List<String> reasons(ParsedBatch batch) {
        return batch.rejected().stream().map(Rejected::reason).toList();
    }

    static List<String> raws(List<byte[]> raws) {
        return raws.stream().map(raw -> new String(raw, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void itemsKeepTheirExactBytesWhateverTheWhitespace() {
        String other = Webhook.item(1001, "é€😀\uDBFF\uDFFF", Webhook.BASE.plusSeconds(60));
        String body = "{ \"version\" : {\"x\":[1,2]},\n\"items\" :\t[ " + GOOD + " ,\r\n" + other + "\n] , \"more\":null }  ";

        ParsedBatch batch = parser.parse(utf8(body));

        assertEquals(List.of(), reasons(batch));
        assertEquals(List.of(GOOD, other), raws(batch.usable().stream().map(TimelineNotification::raw).toList()));
        assertEquals("1001:é€😀\uDBFF\uDFFF", batch.usable().get(1).key());
        assertEquals(Webhook.BASE.plusSeconds(60), batch.usable().get(1).startTime());
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"})
    void otherEncodingsAreNamedAndDeadLettered(String charset) {
        byte[] body = Webhook.batch(List.of(GOOD)).getBytes(Charset.forName(charset));

        assertWhole(body, "body is not UTF-8 JSON: detected " + charset, parser.parse(body));
    }

    @ParameterizedTest
    @CsvSource({"EFBBBF, UTF-8", "FEFF, UTF-16BE", "FFFE, UTF-16LE", "0000FEFF, UTF-32BE", "FFFE0000, UTF-32LE"})
    void aByteOrderMarkIsDeadLettered(String bom, String named) {
        byte[] body = concat(HexFormat.of().parseHex(bom), utf8(Webhook.batch(List.of(GOOD))));

        assertWhole(body, "body starts with a byte order mark (" + named + ")", parser.parse(body));
    }

    @Test
    void utf16WithItsOwnByteOrderMarkIsNamedByIt() {
        byte[] body = Webhook.batch(List.of(GOOD)).getBytes(StandardCharsets.UTF_16); // Java writes FE FF first

        assertWhole(body, "body starts with a byte order mark (UTF-16BE)", parser.parse(body));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "overlong NUL, C080", "overlong slash, C1BF", "overlong 3 bytes, E08080", "overlong 4 bytes, F0808080",
            "surrogate, EDA080", "past U+10FFFF, F4908080", "5-byte form, F888808080", "lone continuation, 80",
            "bad continuation, C328", "cut short, E282", "invalid byte, FF"})
    void malformedUtf8AnywhereIsDeadLetteredWithItsOffset(String what, String bytes) {
        String head = "{\"items\":[{\"projectId\":1000,\"userId\":\"u";
        byte[] body = concat(utf8(head), HexFormat.of().parseHex(bytes), utf8("\",\"startTime\":\"2026-03-01T08:00:00Z\"}]}"));

        assertWhole(body, "body is not UTF-8 JSON: malformed UTF-8 at byte " + head.length(), parser.parse(body));
    }

    @Test
    void malformedUtf8IsFoundAtEveryOffsetOfTheWordAtATimeScan() {
        for (int at = 0; at < 20; at++) {
            byte[] body = utf8("x".repeat(40));
            body[at] = (byte) 0xC0;
            assertEquals(at, NotificationBatchParser.firstMalformedUtf8(body));
            body[at] = (byte) 0xC3;
            body[at + 1] = (byte) 0xA9; // é
            assertEquals(-1, NotificationBatchParser.firstMalformedUtf8(body));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "null", "[]", "\"items\"", "42"})
    void aBodyThatIsNotAnObjectIsDeadLettered(String body) {
        assertWhole(utf8(body), "body is not a JSON object", parser.parse(utf8(body)));
    }

    @Test
    void syntaxErrorsAndTrailingContentSendTheBodyWhole() {
        byte[] good = utf8(Webhook.batch(List.of(GOOD, GOOD)));
        byte[] truncated = Arrays.copyOf(good, good.length - 10);
        byte[] nul = good.clone();
        nul[good.length - 5] = 0;

        assertTrue(parser.parse(truncated).rejected().get(0).reason().startsWith("body is not JSON: Unexpected end-of-input"));
        String nulReason = parser.parse(nul).rejected().get(0).reason();
        assertTrue(nulReason.startsWith("body is not JSON: Illegal unquoted character ((CTRL-CHAR, code 0))"), nulReason);
        assertWhole(concat(good, good), "body is not JSON: content after the top-level object", parser.parse(concat(good, good)));
        assertEquals(List.of(), parser.parse(truncated).usable(), "items before the error are not published either");
    }

    @Test
    void nestingPastJacksonsLimitIsDeadLetteredAsSuch() {
        String deep = "[".repeat(2000) + "]".repeat(2000);
        byte[] body = utf8(Webhook.batch(List.of(GOOD, "{\"projectId\":1000,\"deep\":" + deep + "}")));

        String reason = parser.parse(body).rejected().get(0).reason();

        assertTrue(reason.startsWith("body exceeds a parser limit: Document nesting depth (1001) exceeds"), reason);
    }

    @Test
    void numbersTooLongForJacksonAreDeadLetteredAsSuch() {
        byte[] body = utf8("{\"items\":[{\"projectId\":" + "9".repeat(1001) + "}]}");

        String reason = parser.parse(body).rejected().get(0).reason();

        assertTrue(reason.startsWith("body exceeds a parser limit: Number value length (1001) exceeds"), reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483648", "-2147483649", "99999999999999999999999", "1e400", "1.0", "-0.0", "\"1000\"", "true", "null", "[1000]"})
    void aProjectIdThatIsNotAnIntIsRejected(String projectId) {
        String item = "{\"projectId\":" + projectId + ",\"userId\":\"u1\",\"startTime\":\"2026-03-01T08:00:00Z\"}";

        ParsedBatch batch = parser.parse(utf8(Webhook.batch(List.of(GOOD, item))));

        assertEquals(1, batch.usable().size());
        assertEquals(List.of("items[1]: projectId missing or not an integer"), reasons(batch));
        assertEquals(List.of(item), raws(batch.rejected().stream().map(Rejected::raw).toList()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"projectId\":1000,\"projectId\":1001,\"userId\":\"u1\",\"startTime\":\"2026-03-01T08:00:00Z\"} | projectId",
            "{\"projectId\":1000,\"userId\":\"u1\",\"startTime\":\"2026-03-01T08:00:00Z\",\"userId\":{\"a\":[1]}} | userId",
            "{\"projectId\":1000,\"userId\":\"u1\",\"startTime\":\"2026-03-01T08:00:00Z\",\"f\":{\"x\":1,\"x\":[{}]}} | x"})
    void anItemWithARepeatedKeyIsRejectedAndTheRestGoOn(String item, String key) {
        ParsedBatch batch = parser.parse(utf8(Webhook.batch(List.of(GOOD, item, GOOD))));

        assertEquals(2, batch.usable().size(), "the items around it are published");
        assertEquals(List.of("items[1]: duplicate key \"" + key + "\""), reasons(batch));
        assertEquals(List.of(item), raws(batch.rejected().stream().map(Rejected::raw).toList()));
    }

    @Test
    void aSecondItemsKeySendsTheBodyWhole() {
        byte[] body = utf8("{\"items\":[" + GOOD + "],\"items\":[" + GOOD + "]}");

        assertWhole(body, "body has more than one \"items\" key", parser.parse(body));
    }

    @Test
    void aBodyWithoutAnItemsArrayIsDeadLettered() {
        for (String body : List.of("{}", "{\"items\":{}}", "{\"items\":\"[]\"}", "{\"Items\":[]}")) {
            assertWhole(utf8(body), "body has no \"items\" array", parser.parse(utf8(body)));
        }
    }

    @Test
    void itemsThatAreNotObjectsAreRejectedOneByOneWithTheirBytes() {
        List<String> odd = List.of("42", "-1.5e3", "\"text\"", "true", "null", "[1,{\"a\":2}]", "{}");

        ParsedBatch batch = parser.parse(utf8("{\"items\":[" + String.join(" , ", odd) + "]}"));

        assertEquals(odd, raws(batch.rejected().stream().map(Rejected::raw).toList()));
        assertEquals("items[0]: item is not a JSON object", batch.rejected().get(0).reason());
        assertEquals("items[6]: projectId missing or not an integer", batch.rejected().get(6).reason());
    }

    @Test
    void moreUnusableItemsThanTheCapSendTheBodyWhole() {
        List<String> items = new ArrayList<>(Collections.nCopies(NotificationBatchParser.MAX_REJECTED_ITEMS, "0"));
        items.add(0, GOOD);
        assertEquals(NotificationBatchParser.MAX_REJECTED_ITEMS, parser.parse(utf8(Webhook.batch(items))).rejected().size());

        items.add("0");
        byte[] body = utf8(Webhook.batch(items));
        assertWhole(body, "body has more than 1000 unusable items", parser.parse(body));
    }

    @Test
    void aBadTimestampIsQuotedShortly() {
        String digits = "{\"projectId\":1000,\"userId\":\"u1\",\"startTime\":\"2026-03-01T08:00:00.\u0663Z\"}";
        String huge = "{\"projectId\":1000,\"userId\":\"u1\",\"startTime\":\"" + "9".repeat(100_000) + "\"}";

        ParsedBatch batch = parser.parse(utf8(Webhook.batch(List.of(digits, huge))));

        assertEquals(List.of("items[0]: startTime is not an RFC 3339 timestamp: 2026-03-01T08:00:00.\u0663Z",
                "items[1]: startTime is not an RFC 3339 timestamp: " + "9".repeat(64) + "... (100000 characters)"), reasons(batch));
    }

    @Test
    void aUserIdLongerThanAKeyCanBeIsRejected() {
        String longest = "u".repeat(TimelineNotification.MAX_USER_ID_LENGTH);
        ParsedBatch batch = parser.parse(utf8(Webhook.batch(List.of(
                Webhook.item(1000, longest, Webhook.BASE), Webhook.item(1000, longest + "u", Webhook.BASE)))));

        assertEquals(1000 + ":" + longest, batch.usable().get(0).key());
        assertEquals(List.of("items[1]: userId longer than 1024 characters"), reasons(batch));
    }

    @Test
    void anEscapedNulIsWellFormedJsonAndPublished() {
        // The receiver passes it on as sent; the consumer dead-letters what PostgreSQL cannot store.
        String item = "{\"projectId\":1000,\"userId\":\"u\\u0000\",\"startTime\":\"2026-03-01T08:00:00Z\"}";

        ParsedBatch batch = parser.parse(utf8(Webhook.batch(List.of(item))));

        assertEquals(List.of(item), raws(batch.usable().stream().map(TimelineNotification::raw).toList()));
        assertEquals("u\u0000", batch.usable().get(0).userId());
        assertEquals(Instant.parse("2026-03-01T08:00:00Z"), batch.usable().get(0).startTime());
    }

    @Test
    void aUserIdWithALoneSurrogateIsUnusableSinceUtf8CannotCarryIt() {
        String lone = "{\"projectId\":1000,\"userId\":\"u\\ud800x\",\"startTime\":\"2026-03-01T08:00:00Z\"}";
        String pair = "{\"projectId\":1000,\"userId\":\"u\\ud83d\\ude97\",\"startTime\":\"2026-03-01T08:00:00Z\"}";
        String reversed = "{\"projectId\":1000,\"userId\":\"u\\ude97\\ud83d\",\"startTime\":\"2026-03-01T08:00:00Z\"}";

        ParsedBatch batch = parser.parse(utf8(Webhook.batch(List.of(lone, pair, reversed))));

        assertEquals(List.of("u\uD83D\uDE97"), batch.usable().stream().map(TimelineNotification::userId).toList());
        assertEquals(List.of("items[0]: userId is not valid Unicode: a lone surrogate at index 1",
                "items[2]: userId is not valid Unicode: a lone surrogate at index 1"), reasons(batch));
    }
}
