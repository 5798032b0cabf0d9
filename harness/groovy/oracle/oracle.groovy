// Real-Groovy oracle for the differential test of the binding engine (Groovy 2.4, run by harness/groovy/oracle/run.ts).
// Reads JSON lines from stdin: {"id": "...", "mode": "eval"|"parse", "source": "<Groovy GString literal>", "bindings": {...}}
// and writes one JSON line per input to stdout:
//   {"id": "...", "ok": true, "value": "<rendered string>"}            (mode eval: "${...}".toString() of the GString)
//   {"id": "...", "ok": true}                                          (mode parse: it compiles)
//   {"id": "...", "ok": false, "error": {"type": "<Java class>", "message": "..."}}
// One GroovyShell(new Binding(vars)) per evaluation; the compiled script class is reused while the source repeats.
// Keep this plain Groovy: Groovy 2.4 on Java 17 cannot call some inherited JDK methods reflectively.
import groovy.json.JsonOutput
import com.fasterxml.jackson.databind.DeserializationFeature
import com.fasterxml.jackson.databind.ObjectMapper
import org.codehaus.groovy.runtime.InvokerHelper
import org.codehaus.groovy.runtime.InvokerInvocationException

// EIC's JVM runs in UTC; so does the oracle.
TimeZone.setDefault(TimeZone.getTimeZone('UTC'))

// A pinned clock (ORACLE_NOW = epoch ms, set by run.ts) so that date templates have one answer: the meta-classes
// of the time sources are replaced, so `new Date()`, System.currentTimeMillis(), Calendar.getInstance() and the
// java.time now() methods all read ORACLE_NOW. (UUID.randomUUID() stays random: compare its shape, not its value.)
def pinned = System.getenv('ORACLE_NOW')
if (pinned) {
  long fixedMs = Long.parseLong(pinned)
  def utc = java.time.ZoneId.of('UTC')
  def fixedClock = java.time.Clock.fixed(java.time.Instant.ofEpochMilli(fixedMs), utc)
  Date.metaClass.constructor = { -> new Date(fixedMs) }
  System.metaClass.static.currentTimeMillis = { -> fixedMs }
  Calendar.metaClass.static.getInstance = { -> def c = new GregorianCalendar(); c.setTimeInMillis(fixedMs); c }
  java.time.LocalDate.metaClass.static.now = { -> java.time.LocalDate.now(fixedClock) }
  java.time.LocalDateTime.metaClass.static.now = { -> java.time.LocalDateTime.now(fixedClock) }
  java.time.Instant.metaClass.static.now = { -> java.time.Instant.now(fixedClock) }
  java.time.ZonedDateTime.metaClass.static.now = { -> java.time.ZonedDateTime.now(fixedClock) }
  java.time.ZonedDateTime.metaClass.static.now = { java.time.ZoneId z -> java.time.ZonedDateTime.now(fixedClock.withZone(z)) }
  java.time.LocalDate.metaClass.static.now = { java.time.ZoneId z -> java.time.LocalDate.now(fixedClock.withZone(z)) }
  java.time.LocalDateTime.metaClass.static.now = { java.time.ZoneId z -> java.time.LocalDateTime.now(fixedClock.withZone(z)) }
}

def protocolOut = new PrintStream(new FileOutputStream(FileDescriptor.out), true, 'UTF-8')
// Anything a template prints goes to stderr so it cannot corrupt the protocol.
System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, 'UTF-8'))

def copyPlain
copyPlain = { v ->
  if (v instanceof Map) {
    def m = new LinkedHashMap()
    v.each { k, x -> m.put(k, copyPlain(x)) }
    return m
  }
  if (v instanceof List) {
    def l = new ArrayList()
    v.each { x -> l.add(copyPlain(x)) }
    return l
  }
  return v
}

def failure = { Throwable t ->
  Throwable e = t
  while (e instanceof InvokerInvocationException && e.cause != null) e = e.cause
  [ok: false, error: [type: e.getClass().name, message: String.valueOf(e.message)]]
}

// Jackson reads objects as LinkedHashMap in the order of the JSON text (both JsonSlurper flavours of 2.4 reorder keys),
// integers as Integer/Long/BigInteger and decimals as BigDecimal, like Groovy literals.
def jsonReader = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
def reader = new BufferedReader(new InputStreamReader(System.in, 'UTF-8'))
String lastSource = null
Class lastClass = null
String line
while ((line = reader.readLine()) != null) {
  if (line.trim().isEmpty()) continue
  def id = null
  def result
  try {
    def req = jsonReader.readValue(line, LinkedHashMap)
    id = req.id
    String source = req.source
    if (req.mode == 'parse') {
      new GroovyShell().parse(source, 'Template.groovy')
      result = [ok: true]
    } else {
      def vars = copyPlain(req.bindings ?: [:])
      def binding = new Binding(vars)
      if (source != lastSource) {
        lastClass = new GroovyShell(binding).parse(source, 'Template.groovy').getClass()
        lastSource = source
      }
      def script = InvokerHelper.createScript(lastClass, binding)
      def v = script.run()
      result = [ok: true, value: "${v}".toString()]
    }
  } catch (Throwable t) {
    result = failure(t)
  }
  result.id = id
  String json
  try {
    json = JsonOutput.toJson(result)
  } catch (Throwable t) {
    json = JsonOutput.toJson([id: id, ok: false, error: [type: 'oracle.OutputError', message: String.valueOf(t.message)]])
  }
  protocolOut.println(json)
  protocolOut.flush()
}
