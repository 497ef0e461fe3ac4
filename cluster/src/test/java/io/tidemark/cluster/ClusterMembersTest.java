package io.tidemark.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The members as an operator writes them, and the forms Aeron takes them in. */
class ClusterMembersTest {
    @Test
    void eachMemberUsesItsPortAndTheFourAfterIt() {
        final ClusterMembers members = ClusterMembers.parse("0=10.0.0.1:9000, 1=10.0.0.2:9000,2=node-c:9100");
        assertThat(members.consensusMembers()).isEqualTo(
            "0,10.0.0.1:9000,10.0.0.1:9001,10.0.0.1:9002,10.0.0.1:9003,10.0.0.1:9004|"
                + "1,10.0.0.2:9000,10.0.0.2:9001,10.0.0.2:9002,10.0.0.2:9003,10.0.0.2:9004|"
                + "2,node-c:9100,node-c:9101,node-c:9102,node-c:9103,node-c:9104");
        assertThat(members.ingressEndpoints()).isEqualTo("0=10.0.0.1:9000,1=10.0.0.2:9000,2=node-c:9100");
        assertThat(members.toString()).isEqualTo("0=10.0.0.1:9000,1=10.0.0.2:9000,2=node-c:9100");
    }

    @Test
    void membersOnOneHostAreFivePortsApart() {
        assertThat(ClusterMembers.onOneHost(3, "127.0.0.1", 9100).toString())
            .isEqualTo("0=127.0.0.1:9100,1=127.0.0.1:9105,2=127.0.0.1:9110");
    }

    @Test
    void mistakesAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> ClusterMembers.parse("0=host")).hasMessageContaining("'0=host' is not id=host:port");
        assertThatThrownBy(() -> ClusterMembers.parse("a=host:1")).hasMessageContaining("is not id=host:port");
        assertThatThrownBy(() -> ClusterMembers.parse("0=h:1,2=h:2")).hasMessageContaining("ids must be 0, 1, 2");
        assertThatThrownBy(() -> ClusterMembers.parse("0=h:65533")).hasMessageContaining("port out of range");
        assertThatThrownBy(() -> ClusterMembers.parse("0=h:1").member(1)).hasMessageContaining("no cluster member 1");
    }

    @Test
    void aNodesArgumentsAreCheckedBeforeItStarts() {
        assertThatThrownBy(() -> ClusterNodeMain.Arguments.parse(new String[] {"--id", "3", "--members", "0=h:1",
            "--data-dir", "d"})).hasMessageContaining("no cluster member 3");
        assertThatThrownBy(() -> ClusterNodeMain.Arguments.parse(new String[] {"--id", "0"}))
            .hasMessageContaining("--id, --members and --data-dir are required");
        assertThat(ClusterNodeMain.Arguments.parse(new String[] {"--id", "1", "--members", "0=h:1,1=h:6",
            "--data-dir", "d"}).members().member(1).port()).isEqualTo(6);
    }
}
