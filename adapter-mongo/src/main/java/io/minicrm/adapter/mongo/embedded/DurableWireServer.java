package io.minicrm.adapter.mongo.embedded;

import de.bwaldvogel.mongo.MongoThreadFactory;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import de.bwaldvogel.mongo.wire.message.ClientRequest;
import de.bwaldvogel.mongo.wire.message.MessageHeader;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB wire protocol in front of the durable backend: mongo-java-server's own codecs and
 * command handling, with one difference — the answer to a write is sent only once the write is on
 * disk ({@link GroupCommit}). The event-loop thread never waits for the disk: it runs the command,
 * hands the answer to the committer and goes on with other connections; the committer sends it after
 * the fsync that covers it. Reads are answered at once.
 *
 * <p>A write whose write concern says {@code j: false} (or {@code w: 0}) is answered at once and made
 * durable with the next commit (within {@link GroupCommit#IDLE_COMMIT_MS}).
 */
final class DurableWireServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DurableWireServer.class);

    /** Commands that change nothing: answered without waiting for a commit. */
    private static final Set<String> READS = Set.of("find", "count", "distinct", "getmore", "killcursors",
            "listcollections", "listindexes", "listdatabases", "hello", "ismaster", "buildinfo", "ping", "serverstatus",
            "whatsmyuri", "getlasterror", "getlog", "hostinfo", "connectionstatus", "dbstats", "collstats", "endsessions",
            "getparameter", "getcmdlineopts", "explain", "validate", "currentop", "getfreemonitoringstatus",
            "saslstart", "saslcontinue", "logout");

    /** Commands whose changes are made document by document, each under the commit lock by the collection. */
    private static final Set<String> PER_DOCUMENT = Set.of("insert", "update", "delete", "findandmodify");

    private volatile DurableBackend backend;
    /** Every request holds the shared side while it is handled; a store swap takes the exclusive side. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock gate = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private final GroupCommit commits;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup channels;
    private final Channel channel;

    /** Binds to 127.0.0.1 on a free port. */
    DurableWireServer(DurableBackend backend, GroupCommit commits) {
        this.backend = backend;
        this.commits = commits;
        this.boss = new NioEventLoopGroup(1, new MongoThreadFactory("store-wire-boss"));
        this.workers = new NioEventLoopGroup(0, new MongoThreadFactory("store-wire-worker"));
        this.channels = new DefaultChannelGroup("store-wire-channels", workers.next());
        try {
            this.channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 100)
                    .localAddress(new InetSocketAddress("127.0.0.1", 0))
                    .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        public void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new MongoWireReplyEncoder());
                            ch.pipeline().addLast(new MongoWireMessageEncoder());
                            ch.pipeline().addLast(new MongoWireProtocolHandler());
                            ch.pipeline().addLast(new Handler());
                            ch.pipeline().addLast(new MongoExceptionHandler());
                        }
                    })
                    .bind().syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            shutdownGroups();
            throw e;
        }
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Whether a command may change data (and so is answered only once durable). */
    static boolean isWrite(String command, Document body) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("aggregate")) {
            return body.get("pipeline") instanceof List<?> stages && stages.stream()
                    .anyMatch(s -> s instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge")));
        }
        return !READS.contains(name);
    }

    /** Whether the write concern asks not to wait for the journal: {@code j: false} or {@code w: 0}. */
    static boolean waivesDurability(Document body) {
        if (!(body.get("writeConcern") instanceof Document wc)) {
            return false;
        }
        return Boolean.FALSE.equals(wc.get("j")) || (wc.get("w") instanceof Number w && w.intValue() == 0);
    }

    private final class Handler extends MongoDatabaseHandler {
        private final AtomicInteger ids = new AtomicInteger();

        Handler() {
            super(backend, channels);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ClientRequest request) {
            gate.readLock().lock();
            try {
                handle(ctx, request);
            } finally {
                gate.readLock().unlock();
            }
        }

        private void handle(ChannelHandlerContext ctx, ClientRequest request) {
            if (!(request instanceof MongoMessage message)) {
                super.channelRead0(ctx, request); // legacy OP_QUERY (the handshake): answered at once
                return;
            }
            Document body = message.getDocument();
            String command = body.keySet().iterator().next();
            if (!isWrite(command, body)) {
                ctx.channel().writeAndFlush(reply(message, answer(message)));
                return;
            }
            // document writes on an existing collection lock per document inside it; other writes (and a first
            // write that creates its collection, under the database's monitor) lock for the whole command
            boolean perDocument = PER_DOCUMENT.contains(command.toLowerCase(Locale.ROOT)) && body.get(command) instanceof String c
                    && backend.collectionExists(message.getDatabaseName(), c);
            Document answer = perDocument ? answer(message) : commits.write(() -> answer(message));
            if (waivesDurability(body)) {
                ctx.channel().writeAndFlush(reply(message, answer));
                return;
            }
            commits.afterCommit(error -> ctx.channel().writeAndFlush(reply(message,
                    error == null ? answer : failure(new MongoServerException("the write could not be made durable: " + error, error)))));
        }

        private Document answer(MongoMessage message) {
            try {
                return backend.handleMessage(message);
            } catch (MongoServerException e) {
                LOG.debug("failed to handle {}", message.getDocument(), e);
                return failure(e);
            } catch (RuntimeException e) {
                LOG.error("unexpected error in the embedded store", e);
                return failure(new MongoServerException("Unknown error: " + e.getMessage(), e));
            }
        }

        private MongoMessage reply(MongoMessage request, Document answer) {
            return new MongoMessage(request.getChannel(),
                    new MessageHeader(ids.incrementAndGet(), request.getHeader().getRequestID()), answer);
        }

        private Document failure(MongoServerException e) {
            Document d = new Document();
            d.put("$err", e.getMessageWithoutErrorCode());
            d.put("errmsg", e.getMessageWithoutErrorCode());
            if (e instanceof MongoServerError error) {
                d.put("code", error.getCode());
                d.putIfNotNull("codeName", error.getCodeName());
            }
            d.put("ok", 0);
            return d;
        }
    }

    /**
     * Runs {@code action} with no request being handled and none starting (requests wait), then serves
     * from the backend it returns (compaction swaps the store file this way).
     */
    void swap(java.util.function.Supplier<DurableBackend> action) {
        gate.writeLock().lock();
        try {
            backend = action.get();
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** Closes every connection and stops the event loops (the backend is closed by its owner). */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        channels.close().syncUninterruptibly();
        shutdownGroups();
    }

    private void shutdownGroups() {
        boss.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        boss.terminationFuture().syncUninterruptibly();
        workers.terminationFuture().syncUninterruptibly();
    }
}
