package bare;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** One use of each extension: a JWT-guarded REST resource over the pg pool, a Kafka channel each way, a schedule. */
@Path("/notes")
public class Notes {

    private final Pool pool;
    private final MutinyEmitter<String> out;

    public Notes(Pool pool, @Channel("notes-out") MutinyEmitter<String> out) {
        this.pool = pool;
        this.out = out;
    }

    @GET
    @RolesAllowed("**")
    public Uni<List<String>> list() {
        return pool.query("SELECT text FROM bare.note ORDER BY id DESC LIMIT 10").execute()
                .map(rows -> rows.stream().map((Row row) -> row.getString("text")).toList());
    }

    @POST
    @RolesAllowed("**")
    public Uni<Void> add(String text) {
        return out.send(text);
    }

    @Incoming("notes-in")
    public Uni<Void> store(String text) {
        return pool.preparedQuery("INSERT INTO bare.note (id, text) VALUES ($1, $2)")
                .execute(Tuple.of(UUID.randomUUID(), text)).replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "1h")
    Uni<Void> purge() {
        return pool.query("DELETE FROM bare.note").execute().replaceWithVoid();
    }
}
