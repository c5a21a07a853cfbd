package io.ctsync.json;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * The bytes of one record being written: a growable array that is kept per thread and reused from record to record,
 * so writing a record allocates only its result.
 */
final class RecordBuffer extends OutputStream {

    private static final int INITIAL_CAPACITY = 8 * 1024;
    /** A buffer grown beyond this by an unusually large record is not kept for the next one. */
    private static final int MAX_KEPT_CAPACITY = 1024 * 1024;
    private static final ThreadLocal<RecordBuffer> PER_THREAD = ThreadLocal.withInitial(RecordBuffer::new);

    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private int count;

    /** This thread's buffer, emptied. */
    static RecordBuffer forThisThread() {
        RecordBuffer buffer = PER_THREAD.get();
        if (buffer.bytes.length > MAX_KEPT_CAPACITY) {
            buffer.bytes = new byte[INITIAL_CAPACITY];
        }
        buffer.count = 0;
        return buffer;
    }

    @Override
    public void write(int b) {
        ensureRoom(1);
        bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensureRoom(len);
        System.arraycopy(b, off, bytes, count, len);
        count += len;
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, count);
    }

    private void ensureRoom(int more) {
        if (count + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
        }
    }
}
