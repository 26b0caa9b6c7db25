import GRDB

/// A row of `sweeps`: one invocation of `synkti sweep` (or one merge).
public struct SweepRecord: Codable, Sendable, Equatable {
  /// Row id.
  public var id: Int64?
  /// The experiment's row id.
  public var experimentId: Int64
  /// Size block (`default`, `overnight`, ...).
  public var size: String
  /// `git rev-parse HEAD` when the sweep started (`unknown` outside git).
  public var gitCommit: String
  /// Whether the work tree had uncommitted changes.
  public var gitDirty: Bool
  /// Synkti's version.
  public var synktiVersion: String
  /// Host name.
  public var host: String
  /// ISO 8601 start time.
  public var startedAt: String
  /// ISO 8601 finish time, once finished.
  public var finishedAt: String?
  /// Worker count.
  public var jobs: Int
  /// Where the sweep stands.
  public var status: SweepStatus
  /// This shard's index (0-based), -1 for a merge of shards.
  public var shardIndex: Int
  /// Number of shards (1 when unsharded).
  public var shardCount: Int
  /// Runs in the whole (unsharded) sweep.
  public var totalRuns: Int
  /// The model fingerprint its runs were computed with (`ModelFingerprint`;
  /// nil when unknown, or a merge of shards that disagree).
  public var modelFingerprint: String?
  /// What a reader of its results should know about its inputs, one note
  /// per line (nil: nothing), e.g. traces without spot prices.
  public var notes: String?

  /// Creates a sweep record.
  public init(
    id: Int64?, experimentId: Int64, size: String, gitCommit: String, gitDirty: Bool,
    synktiVersion: String, host: String, startedAt: String, finishedAt: String?, jobs: Int,
    status: SweepStatus, shardIndex: Int, shardCount: Int, totalRuns: Int,
    modelFingerprint: String? = nil, notes: String? = nil
  ) {
    self.modelFingerprint = modelFingerprint
    self.notes = notes
    self.id = id
    self.experimentId = experimentId
    self.size = size
    self.gitCommit = gitCommit
    self.gitDirty = gitDirty
    self.synktiVersion = synktiVersion
    self.host = host
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.jobs = jobs
    self.status = status
    self.shardIndex = shardIndex
    self.shardCount = shardCount
    self.totalRuns = totalRuns
  }

  enum CodingKeys: String, CodingKey {
    case id
    case experimentId = "experiment_id"
    case size
    case gitCommit = "git_commit"
    case gitDirty = "git_dirty"
    case synktiVersion = "synkti_version"
    case host
    case startedAt = "started_at"
    case finishedAt = "finished_at"
    case jobs, status
    case shardIndex = "shard_index"
    case shardCount = "shard_count"
    case totalRuns = "total_runs"
    case modelFingerprint = "model_fingerprint"
    case notes
  }
}

extension SweepRecord: FetchableRecord, MutablePersistableRecord {
  /// The table name.
  public static let databaseTableName = "sweeps"

  /// Records the id SQLite assigned.
  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
