// A small JSON reader and writer for the tests: the conformance files are JSON, and the JVM
// has no JSON parser while Maven Central (where Kotlin's JSON libraries live) is out of
// reach here. Objects read as LinkedHashMap<String, Any?>, arrays as List<Any?>, numbers as
// Long when whole and Double otherwise, and true/false/null as themselves.
package kz.kezek.test

object Json {
    fun parse(text: String): Any? {
        val reader = Reader(text)
        val value = reader.value()
        reader.space()
        require(reader.at == text.length) { "trailing text at ${reader.at}" }
        return value
    }

    fun write(value: Any?): String = StringBuilder().also { write(value, it) }.toString()

    private fun write(value: Any?, out: StringBuilder) {
        when (value) {
            null -> out.append("null")
            is String -> string(value, out)
            is Boolean, is Long, is Int -> out.append(value.toString())
            is Double -> out.append(if (value % 1.0 == 0.0) value.toLong().toString() else value.toString())
            is Map<*, *> -> {
                out.append('{')
                value.entries.forEachIndexed { i, (k, v) ->
                    if (i > 0) out.append(',')
                    string(k as String, out)
                    out.append(':')
                    write(v, out)
                }
                out.append('}')
            }
            is List<*> -> {
                out.append('[')
                value.forEachIndexed { i, v ->
                    if (i > 0) out.append(',')
                    write(v, out)
                }
                out.append(']')
            }
            else -> error("cannot write ${value::class}")
        }
    }

    private fun string(s: String, out: StringBuilder) {
        out.append('"')
        for (c in s) {
            when {
                c == '"' -> out.append("\\\"")
                c == '\\' -> out.append("\\\\")
                c == '\n' -> out.append("\\n")
                c < ' ' -> out.append(String.format("\\u%04x", c.code))
                else -> out.append(c)
            }
        }
        out.append('"')
    }

    private class Reader(val s: String) {
        var at = 0

        fun space() {
            while (at < s.length && s[at].isWhitespace()) at++
        }

        fun value(): Any? {
            space()
            return when (val c = s[at]) {
                '{' -> obj()
                '[' -> arr()
                '"' -> str()
                't' -> word("true", true)
                'f' -> word("false", false)
                'n' -> word("null", null)
                else -> if (c == '-' || c.isDigit()) num() else error("unexpected '$c' at $at")
            }
        }

        private fun word(w: String, v: Any?): Any? {
            require(s.startsWith(w, at)) { "bad literal at $at" }
            at += w.length
            return v
        }

        private fun obj(): Map<String, Any?> {
            val m = LinkedHashMap<String, Any?>()
            at++
            space()
            if (s[at] == '}') { at++; return m }
            while (true) {
                space()
                val k = str()
                space()
                require(s[at] == ':') { "expected ':' at $at" }
                at++
                m[k] = value()
                space()
                when (s[at++]) {
                    ',' -> continue
                    '}' -> return m
                    else -> error("expected ',' or '}' at ${at - 1}")
                }
            }
        }

        private fun arr(): List<Any?> {
            val l = ArrayList<Any?>()
            at++
            space()
            if (s[at] == ']') { at++; return l }
            while (true) {
                l.add(value())
                space()
                when (s[at++]) {
                    ',' -> continue
                    ']' -> return l
                    else -> error("expected ',' or ']' at ${at - 1}")
                }
            }
        }

        private fun str(): String {
            require(s[at] == '"') { "expected a string at $at" }
            at++
            val b = StringBuilder()
            while (true) {
                val c = s[at++]
                when (c) {
                    '"' -> return b.toString()
                    '\\' -> when (val e = s[at++]) {
                        'n' -> b.append('\n')
                        't' -> b.append('\t')
                        'r' -> b.append('\r')
                        'b' -> b.append('\b')
                        'f' -> b.append('\u000c')
                        'u' -> { b.append(s.substring(at, at + 4).toInt(16).toChar()); at += 4 }
                        else -> b.append(e)
                    }
                    else -> b.append(c)
                }
            }
        }

        private fun num(): Any {
            val start = at
            while (at < s.length && (s[at].isDigit() || s[at] in "+-.eE")) at++
            val t = s.substring(start, at)
            return if (t.any { it in ".eE" }) t.toDouble() else t.toLong()
        }
    }
}

/** Expected is contained in actual: equal scalars (numbers compared by value), lists of the
 *  same length item by item, maps whose every expected key is present and contained. */
fun contains(actual: Any?, expected: Any?): Boolean = when (expected) {
    is Map<*, *> -> actual is Map<*, *> && expected.all { (k, v) -> actual.containsKey(k) && contains(actual[k], v) }
    is List<*> -> actual is List<*> && actual.size == expected.size && expected.indices.all { contains(actual[it], expected[it]) }
    is Long -> (actual is Number) && actual.toDouble() == expected.toDouble()
    is Double -> (actual is Number) && actual.toDouble() == expected
    else -> actual == expected
}
