/// The worker protocol: how a `WorkerClient` talks to a `WorkerServer`
/// (`vecbench serve`) over a Unix stream socket. One request, then one
/// response, at a time per connection; a client opens more connections for
/// concurrency. Every integer is little-endian; floats are IEEE-754 binary32
/// bit patterns, little-endian.
///
/// **Frames** (both directions):
///
/// | offset | size  | field                                                      |
/// |--------|-------|------------------------------------------------------------|
/// | 0      | 4     | `length` L: bytes after this field, 1 ≤ L ≤ frame limit     |
/// | 4      | 1     | request: `kind`; response: `status`                         |
/// | 5      | L − 1 | payload                                                    |
///
/// A frame over the server's limit (default 256 MiB, `--max-frame-bytes`) is
/// answered with a `protocolError` ("frameTooLarge") and the connection is
/// closed without reading its body; so is a malformed or truncated payload,
/// a size past its `InputLimit` (table on `WorkerRequest+Limits`), an
/// unknown kind, or any request before `hello`. The server allocates a body
/// as it arrives and bounds the request bytes it holds over all connections
/// (default 1 GiB, `--max-buffered-bytes`, see `WorkerBufferBudget`); a frame
/// past that bound is refused ("bufferLimit") the same way. Other
/// connections go on.
///
/// **Strings**: `str16` is u16 byte count + UTF-8; `str32` is u32 + UTF-8.
///
/// **Requests** (payload after the kind byte):
///
/// | kind | request              | payload                                                                        | ok result                                        |
/// |------|----------------------|--------------------------------------------------------------------------------|--------------------------------------------------|
/// | 1    | hello                | magic `VBWP` (4 bytes) · version u16                                           | magic · version u16 · pid u32 · frame limit u32 |
/// | 2    | ping                 | —                                                                              | —                                                |
/// | 3    | createCollection     | name str16 · configuration str32 (`CollectionConfiguration` JSON)              | —                                                |
/// | 4    | dropCollection       | name str16                                                                     | —                                                |
/// | 5    | listCollections      | —                                                                              | count u32 · name str16 × count                   |
/// | 6    | upsert               | name str16 · count u32 · flags u8 (bit 0: tenants) · id u64 × count · [(has tenant u8 · tenant u32) × count] · length u32 × count · f32 × Σ length | ack |
/// | 7    | delete               | name str16 · count u32 · id u64 × count                                        | ack                                              |
/// | 8    | search               | name str16 · k i64 · ef i64 · has tenant u8 · tenant u32 · dimension u32 · f32 × dimension | count u32 · (id u64 · distance f32 · version u64) × count |
/// | 9    | get                  | name str16 · id u64                                                            | found u8 · [version u64 · dimension u32 · f32 × dimension] |
/// | 10   | count                | name str16                                                                     | live points u64                                  |
/// | 11   | collectionStatistics | name str16 · include residency u8                                              | str32 (`CollectionStatistics` JSON)              |
/// | 12   | engineStatistics     | —                                                                              | str32 (`EngineStatistics` JSON)                  |
/// | 13   | waitForSeals         | —  (blocks until no seal is queued or running)                                 | —                                                |
/// | 14   | shutdown             | —  (the server stops accepting, finishes requests in flight, closes the engine, exits) | —                                 |
/// | 15   | engineConfiguration  | —                                                                              | str32 (the `EngineConfiguration` the engine runs with, JSON) |
/// | 16   | adapterStatistics    | —                                                                              | str32 (`WorkerAdapterStatistics` JSON: the engine's own figures) |
///
/// `ack` is first LSN u64 · last LSN u64 · durability u8 (0 synced, 1 written, 2 unsynced).
/// The ok results of upsert, delete and search end with one more byte,
/// `opened` u8: 1 when the worker had to open the collection for the
/// request (a cold open). It was added without a version change; a client
/// reads it only when present, so servers and adapters without it still
/// decode (the cold open is then unknown).
/// Per-point vector lengths travel with an upsert so that a wrong dimension
/// reaches the engine and comes back in the engine's own words.
///
/// **Responses**: status 0 `ok` (payload: the result above); 1 `failed`: the
/// request was refused or failed, the connection stays usable — payload `kind`
/// str16 (the `EngineError` case, e.g. "unknownCollection", or "system",
/// "invalidRequest") · `message` str32 (the engine's text, naming what and
/// where); 2 `protocolError`: same payload, and the server closes the
/// connection after sending it.
///
/// **External engines** (adapters, `workloads/ADAPTERS.md`) speak the same
/// frames. An adapter that cannot answer a request with vecbench's own
/// figures (engine/collection statistics, configuration, get) answers
/// `failed` with kind "unavailable" and says why; the runner then records
/// those figures as unavailable, never as zero. Kind 16 was added without
/// a version change: an older server refuses it as an unknown kind.
public enum WorkerProtocol {
    /// "VBWP" as four bytes on the wire.
    public static let magic: [UInt8] = Array("VBWP".utf8)
    public static let version: UInt16 = 1
    /// Bytes of the length field that starts every frame.
    static let lengthFieldBytes = 4
    public static let defaultMaximumFrameBytes = 256 << 20
    /// Request bytes a server holds at once over all its connections.
    public static let defaultMaximumBufferedBytes = 1 << 30

    /// What a request frame asks for (its first byte after the length).
    public enum RequestKind: UInt8, Sendable, CaseIterable {
        case hello = 1
        case ping = 2
        case createCollection = 3
        case dropCollection = 4
        case listCollections = 5
        case upsert = 6
        case delete = 7
        case search = 8
        case get = 9
        case count = 10
        case collectionStatistics = 11
        case engineStatistics = 12
        case waitForSeals = 13
        case shutdown = 14
        case engineConfiguration = 15
        case adapterStatistics = 16
    }

    /// The first byte of a response frame after the length.
    public enum Status: UInt8, Sendable {
        case ok = 0
        case failed = 1
        case protocolError = 2
    }
}
