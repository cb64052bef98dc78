/// JSON output for `--json` and for run records: a small builder over System.Text.Json.Nodes. Non-finite numbers are
/// written as null (JSON has no NaN).
module Dip.Cli.Infrastructure.Json

open System.Text.Json
open System.Text.Json.Nodes

/// A JSON number, or null when the value is not finite.
let number (value: float) : JsonNode = if System.Double.IsFinite value then JsonValue.Create value else null

/// A JSON number or null.
let optionalNumber (value: float option) : JsonNode = value |> Option.map number |> Option.defaultValue null

/// A JSON integer.
let integer (value: int64) : JsonNode = JsonValue.Create value

/// A JSON string.
let text (value: string) : JsonNode = JsonValue.Create value

/// A JSON boolean.
let boolean (value: bool) : JsonNode = JsonValue.Create value

/// A JSON object from (key, value) pairs, in order.
let object (members: (string * JsonNode) list) : JsonNode =
    let node = JsonObject()
    for key, value in members do node.Add(key, value)
    node :> JsonNode

/// A JSON array.
let array (items: JsonNode seq) : JsonNode = JsonArray(Array.ofSeq items) :> JsonNode

/// Indented JSON text, with non-ASCII and HTML-sensitive characters written as themselves (files and terminals, not
/// HTML: pages that embed it must encode it).
let format (node: JsonNode) : string =
    node.ToJsonString(JsonSerializerOptions(WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping))

/// Parses JSON text (used by tests and by verbs that read run records).
let parse (text: string) : JsonNode = JsonNode.Parse text
