/// placeholder replaced by the counters work
public enum CounterStatusPlaceholder {}
