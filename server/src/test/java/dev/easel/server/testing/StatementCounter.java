package dev.easel.server.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the SQL statements the application prepares, so tests can prove a list page runs a fixed number of queries
 * (no N+1). Import it with {@code @Import(StatementCounter.class)} and inject it; {@link #count(Runnable)} gives the
 * statements one action ran. Counts are global (but for the server's own {@code easel-*} background threads), so
 * measure with no other traffic in flight.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter {
    private static final String BACKGROUND_THREADS = "easel-";
    private static final Set<String> STATEMENT_METHODS = Set.of("prepareStatement", "createStatement", "prepareCall");

    private final AtomicLong statements = new AtomicLong();

    @Bean
    static BeanPostProcessor statementCountingDataSource(StatementCounter counter) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource ? counter.wrap(dataSource) : bean;
            }
        };
    }

    /** How many statements {@code action} prepared. */
    public long count(Runnable action) {
        long before = statements.get();
        action.run();
        return statements.get() - before;
    }

    DataSource wrap(DataSource dataSource) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(dataSource, method, args);
            return result instanceof Connection connection ? countingConnection(connection) : result;
        };
        return (DataSource)
                Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, handler);
    }

    private Connection countingConnection(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            // The server's own background threads (lease renewal and sweeping, batch loops) run SQL on their own
            // schedule; what a test measures is the requests it sends.
            if (STATEMENT_METHODS.contains(method.getName())
                    && !Thread.currentThread().getName().startsWith(BACKGROUND_THREADS)) {
                statements.incrementAndGet();
            }
            return invoke(connection, method, args);
        };
        return (Connection)
                Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
