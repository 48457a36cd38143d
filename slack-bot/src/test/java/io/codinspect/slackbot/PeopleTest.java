package io.codinspect.slackbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.User;
import org.junit.jupiter.api.Test;

class PeopleTest {

    @Test
    void anEmailCountsAsVerifiedOnlyWhenSlackConfirmedItForAMemberOfItsOwnWorkspace() {
        var member = People.claim("T1", user("T1", "ada@acme.com", true));
        var unconfirmed = People.claim("T1", user("T1", "ada@acme.com", false));
        var connect = People.claim("T1", user("T2", "eve@other.example", true));

        assertThat(member.emailVerified()).isTrue();
        assertThat(member.externalId()).isEqualTo("T1/U1");
        assertThat(unconfirmed.emailVerified()).isFalse();
        assertThat(connect.emailVerified()).isFalse();
        assertThat(connect.foreignWorkspace()).isTrue();
        assertThat(connect.externalId()).isEqualTo("T2/U1");
    }

    @Test
    void guestsAreSaidToBeGuests() {
        var guest = user("T1", "gus@acme.com", true);
        guest.setRestricted(true);

        assertThat(People.claim("T1", guest).guest()).isTrue();
        assertThat(People.claim("T1", user("T1", "ada@acme.com", true)).guest()).isFalse();
    }

    private static User user(String team, String email, boolean confirmed) {
        var user = new User();
        user.setId("U1");
        user.setTeamId(team);
        user.setName("someone");
        user.setEmailConfirmed(confirmed);
        var profile = new User.Profile();
        profile.setEmail(email);
        user.setProfile(profile);
        return user;
    }
}
