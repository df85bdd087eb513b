package org.jingzhun.rectification.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/** The db-scheduler {@link Scheduler} behind Axon's deadline manager, and its start and stop. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadlineProperties.class)
class DeadlineSchedulerConfiguration {

    /** The table of {@code V2_3__deadline_scheduler.sql}. */
    static final String TABLE = "scheduled_tasks";

    /**
     * The scheduler, with every db-scheduler task bean (Axon's auto-configuration declares the deadline
     * and event-scheduling tasks). Its data source joins Spring's transaction: a deadline is stored in
     * the same transaction as the events of the command that scheduled it, or not at all.
     */
    @Bean(destroyMethod = "")
    Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks, DeadlineProperties properties) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .tableName(TABLE)
                .pollingInterval(properties.pollingInterval())
                .threads(properties.threads())
                .shutdownMaxWait(properties.shutdownMaxWait())
                // A deadline scheduled in the past (a problem reopened after its deadline) runs at once.
                .enableImmediateExecution()
                .build();
    }

    /**
     * Starts the scheduler once Axon runs (a deadline needs the aggregate repositories) and stops it
     * before Axon stops: a later phase starts later and stops earlier.
     */
    @Bean
    SmartLifecycle deadlineSchedulerLifecycle(Scheduler scheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                scheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                scheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return SpringAxonConfiguration.LIFECYCLE_PHASE + 1;
            }
        };
    }
}
