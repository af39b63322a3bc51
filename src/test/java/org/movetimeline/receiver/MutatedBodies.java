package org.movetimeline.receiver;

import org.movetimeline.testsupport.Webhook;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Notifier bodies as MOVE writes them, then damaged the ways the outside world can: bit flips, truncations,
 * splices, odd values in every field, other encodings, deep nesting, repeated keys, NULs and lone surrogates.
 * The same seed gives the same bodies, so a failure is reproduced by its seed.
 */
final class MutatedBodies {

    /** What was sent and how it was made, for the failure message. */
    record Body(String recipe, String contentType, byte[] bytes) {
        String excerpt() {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < Math.min(bytes.length, 300); i++) {
                int b = bytes[i] & 0xFF;
                out.append(b >= 0x20 && b < 0x7F && b != '\\' ? String.valueOf((char) b) : String.format("\\x%02X", b));
            }
            return out + (bytes.length > 300 ? "... (" + bytes.length + " bytes)" : "");
        }
    }

    private record Mutation(String name, BiFunction<Random, byte[], byte[]> apply) {
    }

    private static final Pattern FIELD = Pattern.compile("\"(projectId|userId|startTime|endTime|type)\":(\"[^\"]*\"|[^,}\\]]*)");
    private static final String DEEP = "[".repeat(1001) + "]".repeat(1001);

    /** JSON values no field should hold, and a few that are just unusual. */
    private static final List<String> ODD_VALUES = List.of(
            "2147483648", "-2147483649", "99999999999999999999999999", "9".repeat(1001), "1e400", "-0", "0.0",
            "1000.5", "-1", "0", "\"1000\"", "null", "true", "[]", "{}", "[1000]", "{\"a\":1,\"a\":2}", DEEP,
            "\"\"", "\" \"", "\"\\u0000\"", "\"u\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\\"\"",
            "\"" + "x".repeat(1025) + "\"", "\"" + "x".repeat(100_000) + "\"", "\"é€😀\"",
            "\"2020-10-16T10:13:00+23:59\"", "\"2020-10-16T10:13:00-23:59\"", "\"2020-10-16T10:13:00+24:00\"",
            "\"2020-10-16T10:13:00.\u0663Z\"", "\"\uFF12\uFF10\uFF12\uFF10-10-16T10:13:00Z\"", "\"2016-12-31T23:59:60Z\"",
            "\"2020-10-16T10:13Z\"", "\"2020-02-30T00:00:00Z\"", "\"yesterday\"", "\"0000-01-01T00:00:00Z\"",
            "\"9999-12-31T23:59:59.999999999-23:59\"", "\"2020-10-16T10:13:00.1234567890Z\"", "\"+12020-10-16T10:13:00Z\"");

    /** Byte sequences that are not UTF-8, are but do not belong in JSON text, or are JSON syntax and escapes. */
    private static final List<String> ODD_BYTES = List.of(
            "00", "FF", "80", "C080", "C1BF", "E08080", "EDA080", "EDBFBF", "F4908080", "F888808080", "E282", "C3",
            "EFBBBF", "FEFF", "FFFE", "5C", "22", "7B", "7D", "5B", "5D", "2C", "3A", "0A", "09", "5C7530303030", "5C7544383030");

    private static final List<Charset> OTHER_ENCODINGS = List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16BE,
            StandardCharsets.UTF_16LE, Charset.forName("UTF-32"), Charset.forName("UTF-32BE"), Charset.forName("UTF-32LE"));

    /** MOVE sends JSON; a signed body under another type must get the same answers. */
    private static final List<String> OTHER_CONTENT_TYPES = List.of("text/plain", "application/octet-stream",
            "application/json; charset=UTF-16", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x");

    private final int limit;
    private final List<Mutation> mutations = List.of(
            new Mutation("bit flips", MutatedBodies::flipBits),
            new Mutation("odd bytes", MutatedBodies::insertOddBytes),
            new Mutation("truncation", (r, b) -> Arrays.copyOf(b, r.nextInt(b.length + 1))),
            new Mutation("splice", (r, b) -> splice(b, batch(r), r)),
            new Mutation("odd value", MutatedBodies::oddValue),
            new Mutation("other encoding", MutatedBodies::otherEncoding),
            new Mutation("byte order mark", MutatedBodies::byteOrderMark),
            new Mutation("deep nesting", MutatedBodies::deepNesting),
            new Mutation("repeated key", MutatedBodies::repeatedKey),
            new Mutation("non-object items", MutatedBodies::nonObjectItems),
            new Mutation("odd shape", MutatedBodies::oddShape),
            new Mutation("many items", MutatedBodies::manyItems),
            new Mutation("size at the limit", this::sizeAtTheLimit),
            new Mutation("random bytes", (r, b) -> randomBytes(r, r.nextInt(2000))));

    MutatedBodies(int limit) {
        this.limit = limit;
    }

    /** Body {@code index} of {@code seed}: an intact batch one time in ten, else one to three mutations of one. */
    Body body(long seed, int index) {
        Random random = new Random(seed * 1_000_003 + index);
        byte[] bytes = batch(random);
        StringBuilder recipe = new StringBuilder("batch");
        int rounds = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(random.nextInt(4) == 0 ? 3 : 1);
        for (int i = 0; i < rounds; i++) {
            Mutation mutation = mutations.get(random.nextInt(mutations.size()));
            bytes = mutation.apply().apply(random, bytes);
            recipe.append(" > ").append(mutation.name());
        }
        String contentType = random.nextInt(20) == 0 ? OTHER_CONTENT_TYPES.get(random.nextInt(OTHER_CONTENT_TYPES.size()))
                : "application/json";
        return new Body(recipe.toString(), contentType, bytes);
    }

    /** A well-formed batch of one to five items, sometimes with fields MOVE may add. */
    static byte[] batch(Random r) {
        List<String> items = new ArrayList<>();
        for (int i = 1 + r.nextInt(5); i > 0; i--) {
            String item = Webhook.item(1000 + r.nextInt(5), "fuzz-" + r.nextInt(100), Webhook.BASE.plusSeconds(60L * r.nextInt(100_000)));
            items.add(r.nextBoolean() ? item : item.replace("}", ",\"features\":{\"transport\":{\"type\":\"CAR\"},\"score\":[1,2.5,null]}}"));
        }
        return utf8(Webhook.batch(items));
    }

    private static byte[] flipBits(Random r, byte[] b) {
        byte[] out = b.clone();
        for (int i = 1 + r.nextInt(8); i > 0 && out.length > 0; i--) {
            out[r.nextInt(out.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return out;
    }

    private static byte[] insertOddBytes(Random r, byte[] b) {
        byte[] out = b;
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            out = insert(out, r.nextInt(out.length + 1), HexFormat.of().parseHex(ODD_BYTES.get(r.nextInt(ODD_BYTES.size()))));
        }
        return out;
    }

    private static byte[] splice(byte[] a, byte[] b, Random r) {
        return concat(Arrays.copyOf(a, r.nextInt(a.length + 1)), Arrays.copyOfRange(b, r.nextInt(b.length + 1), b.length));
    }

    /** One field of one item gets an odd value; the text is handled as Latin-1 so no byte of it changes. */
    private static byte[] oddValue(Random r, byte[] b) {
        String text = new String(b, StandardCharsets.ISO_8859_1);
        List<int[]> fields = new ArrayList<>();
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            fields.add(new int[]{m.start(2), m.end(2)});
        }
        if (fields.isEmpty()) {
            return b;
        }
        int[] value = fields.get(r.nextInt(fields.size()));
        String odd = new String(utf8(ODD_VALUES.get(r.nextInt(ODD_VALUES.size()))), StandardCharsets.ISO_8859_1);
        return (text.substring(0, value[0]) + odd + text.substring(value[1])).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] otherEncoding(Random r, byte[] b) {
        return new String(b, StandardCharsets.UTF_8).getBytes(OTHER_ENCODINGS.get(r.nextInt(OTHER_ENCODINGS.size())));
    }

    private static byte[] byteOrderMark(Random r, byte[] b) {
        return concat(HexFormat.of().parseHex(List.of("EFBBBF", "FEFF", "FFFE", "0000FEFF", "FFFE0000").get(r.nextInt(5))), b);
    }

    /** Arrays or objects nested around a value, from harmless to past Jackson's limit of 1000. */
    private static byte[] deepNesting(Random r, byte[] b) {
        int depth = List.of(5, 990, 999, 1000, 1001, 1002, 20_000).get(r.nextInt(7));
        String value = r.nextBoolean() ? "[".repeat(depth) + "1" + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        String text = new String(b, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"items\":[");
        return r.nextBoolean() && at >= 0
                ? (text.substring(0, at + 9) + value + "," + text.substring(at + 9)).getBytes(StandardCharsets.ISO_8859_1)
                : utf8("{\"items\":[],\"extra\":" + value + "}");
    }

    private static byte[] repeatedKey(Random r, byte[] b) {
        String text = new String(b, StandardCharsets.ISO_8859_1);
        return (switch (r.nextInt(4)) {
            case 0 -> text.replaceFirst("\\{\"projectId\"", "{\"projectId\":1001,\"projectId\"");
            case 1 -> text.replaceFirst(",\"startTime\"", ",\"startTime\":{\"x\":1},\"startTime\"");
            case 2 -> text.replaceFirst("\"transport\":", "\"transport\":null,\"transport\":");
            default -> text.replaceFirst("\\{\"items\"", "{\"items\":[],\"items\"");
        }).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] nonObjectItems(Random r, byte[] b) {
        String text = new String(b, StandardCharsets.ISO_8859_1);
        String odd = List.of("42", "\"x\"", "null", "true", "[1,2]", "[]", "-1e999", "{}").get(r.nextInt(8));
        return text.replaceFirst("\"items\":\\[", "\"items\":[" + odd + ",").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] oddShape(Random r, byte[] b) {
        return switch (r.nextInt(9)) {
            case 0 -> new byte[0];
            case 1 -> utf8(List.of(" ", "null", "[]", "{}", "\"items\"", "{\"items\":{}}", "{\"items\":null}").get(r.nextInt(7)));
            case 2 -> concat(utf8("["), b, utf8("]"));
            case 3 -> concat(b, b);
            case 4 -> concat(b, utf8(" trailing"));
            case 5 -> concat(utf8(" \n\t\r "), b, utf8(" \n\t\r "));
            case 6 -> utf8(new String(b, StandardCharsets.ISO_8859_1).replace("\"items\"", "\"Items\""));
            case 7 -> concat(utf8("{\"items\":[1,{}],\"nested\":"), b, utf8("}"));
            default -> utf8(new String(b, StandardCharsets.ISO_8859_1).replace(":", " : ").replace(",", " ,\n"));
        };
    }

    /** Hundreds to thousands of items, around the cap on unusable ones. */
    private static byte[] manyItems(Random r, byte[] b) {
        int count = List.of(999, 1000, 1001, 3000).get(r.nextInt(4));
        List<String> items = new ArrayList<>(count);
        boolean good = r.nextBoolean();
        for (int i = 0; i < count; i++) {
            items.add(good ? Webhook.item(1000, "many-" + i % 7, Webhook.BASE.plusSeconds(60L * i)) : List.of("0", "{}", "[]").get(r.nextInt(3)));
        }
        return utf8(Webhook.batch(items));
    }

    /** Padded with whitespace to one byte under, at or over the body limit, or well past it. */
    private byte[] sizeAtTheLimit(Random r, byte[] b) {
        int size = Math.max(b.length, List.of(limit - 1, limit, limit + 1, limit * 3 / 2).get(r.nextInt(4)));
        byte[] out = new byte[size];
        Arrays.fill(out, (byte) ' ');
        System.arraycopy(b, 0, out, 0, b.length);
        return out;
    }

    private static byte[] randomBytes(Random r, int length) {
        byte[] out = new byte[length];
        r.nextBytes(out);
        return out;
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        return concat(Arrays.copyOf(b, at), what, Arrays.copyOfRange(b, at, b.length));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
