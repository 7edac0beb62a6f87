"""A CryptoViz V2 consumer: kafka-python 2.0.2 as V2 ran it, reading our topics.

Usage: v2_consumer.py <bootstrap> <producer_id> <records_per_topic> <topic> [<topic> ...]

Prints one JSON line per record of <producer_id>: topic, partition, the partition V2's own partitioner
gives the key, key and value; exits once every topic gave <records_per_topic> of them.
"""
import json
import sys
import uuid

# V2 installed kafka-python with `pip install kafka-python==2.0.2` and no codec libraries: make sure none is
# importable here either, whatever this machine has, so that a batch in lz4, snappy or zstd fails as it did for V2.
for codec in ("lz4", "lz4.frame", "snappy", "zstandard", "zstd", "xxhash", "cramjam"):
    sys.modules[codec] = None

import kafka  # noqa: E402
from kafka import KafkaConsumer  # noqa: E402
from kafka.partitioner.default import DefaultPartitioner  # noqa: E402

bootstrap, producer_id, per_topic, topics = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
if kafka.__version__ != "2.0.2":
    sys.exit(f"expected kafka-python 2.0.2 (V2's), found {kafka.__version__}")

# V2's consumer settings, except the group (ours is fresh) and the start (earliest: the records are already there).
consumer = KafkaConsumer(
    *topics,
    bootstrap_servers=bootstrap,
    group_id=f"v2-client-{uuid.uuid4().hex}",
    auto_offset_reset="earliest",
    value_deserializer=lambda m: json.loads(m.decode("utf-8")),
    consumer_timeout_ms=60000,
)
partitioner = DefaultPartitioner()
seen = {topic: 0 for topic in topics}
for message in consumer:
    if message.value.get("producer_id") != producer_id:
        continue
    partitions = sorted(consumer.partitions_for_topic(message.topic))
    print(json.dumps({
        "topic": message.topic,
        "partition": message.partition,
        "v2_partition": partitioner(message.key, partitions, partitions),
        "key": message.key.decode("utf-8"),
        "value": message.value,
    }), flush=True)
    seen[message.topic] += 1
    if all(count >= per_topic for count in seen.values()):
        break
else:
    sys.exit(f"timed out with {seen} of {per_topic} records per topic")
consumer.close()
