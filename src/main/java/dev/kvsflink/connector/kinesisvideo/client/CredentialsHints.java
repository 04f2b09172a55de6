/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.kvsflink.connector.kinesisvideo.client;

import org.apache.flink.annotation.Internal;

/**
 * What to tell a user whose credentials failed: where the configured provider looked and what to
 * set. Never shows a secret: credentials appear only as {@link CredentialsSettings#toString()}.
 */
@Internal
final class CredentialsHints {

    private CredentialsHints() {}

    /** Why {@code settings} produced no credentials, and what to set; the SDK's reason last. */
    static String noCredentials(CredentialsSettings settings, String sdkReason) {
        String option = "aws.credentials.provider " + settings.provider();
        switch (settings.provider()) {
            case AUTO:
                // The chain's own message repeats every provider's failure: too long for one line.
                return option
                        + " (the SDK's default chain) found no credentials: for every TaskManager"
                        + " set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile in"
                        + " ~/.aws/credentials (AWS_PROFILE), or AWS_WEB_IDENTITY_TOKEN_FILE and"
                        + " AWS_ROLE_ARN, or run it with an instance or container role; or set "
                        + "aws.credentials.provider to BASIC, PROFILE, ASSUME_ROLE or"
                        + " WEB_IDENTITY_TOKEN";
            case PROFILE:
                return option
                        + " found no credentials for profile '"
                        + settings.profileName()
                        + "' in "
                        + (settings.profilePath() == null
                                ? "~/.aws/credentials (or AWS_SHARED_CREDENTIALS_FILE)"
                                : settings.profilePath())
                        + ": give every TaskManager that file with a ["
                        + settings.profileName()
                        + "] section holding aws_access_key_id and aws_secret_access_key, or set"
                        + " aws.credentials.profile.name / aws.credentials.profile.path ("
                        + sdkReason
                        + ")";
            case ASSUME_ROLE:
                return option
                        + " could not assume "
                        + settings.roleArn()
                        + ": check the base credentials (aws.credentials.role.provider "
                        + settings.roleBase()
                        + ") and that the role's trust policy lets them assume it ("
                        + sdkReason
                        + ")";
            case WEB_IDENTITY_TOKEN:
                return option
                        + " could not assume "
                        + settings.roleArn()
                        + " with the token in "
                        + settings.webIdentityTokenFile()
                        + ": check that the file exists on every TaskManager and that the role"
                        + " trusts its issuer ("
                        + sdkReason
                        + ")";
            default:
                return option + " found no credentials (" + sdkReason + ")";
        }
    }

    /** What to check when the service refused the credentials of {@code settings}. */
    static String refused(CredentialsSettings settings) {
        return "the credentials come from aws.credentials.provider "
                + settings
                + ": check that the access key id and secret key belong together and are"
                + " active, that aws.region is the stream's, and that the identity may call"
                + " kinesisvideo:GetDataEndpoint and kinesisvideo:ListFragments";
    }
}
