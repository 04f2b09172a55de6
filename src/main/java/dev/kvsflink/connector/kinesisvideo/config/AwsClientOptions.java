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

package dev.kvsflink.connector.kinesisvideo.config;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The {@code aws.*} options: where the service is and who calls it. The same keys as
 * flink-connector-aws, shared by the DataStream builder and the SQL connector.
 */
@PublicEvolving
public final class AwsClientOptions {

    /** How the client finds its credentials. */
    public enum CredentialsProvider {
        /** The SDK's default chain: environment, system properties, profile, container, IMDS. */
        AUTO,
        /** An access key id and secret key given in the options. */
        BASIC,
        /** A named profile from the AWS config and credentials files. */
        PROFILE,
        /** A role assumed through STS with credentials from the default chain. */
        ASSUME_ROLE,
        /** A web identity token file exchanged through STS. */
        WEB_IDENTITY_TOKEN
    }

    public static final ConfigOption<String> AWS_REGION =
            ConfigOptions.key("aws.region")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The AWS region of the streams, e.g. us-east-1. Required: it is part of every request's signature.");

    public static final ConfigOption<String> AWS_ENDPOINT =
            ConfigOptions.key("aws.endpoint")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The control-plane endpoint (where GetDataEndpoint is called), e.g. http://127.0.0.1:4566 for the emulator. Default: the region's public endpoint.");

    public static final ConfigOption<CredentialsProvider> AWS_CREDENTIALS_PROVIDER =
            ConfigOptions.key("aws.credentials.provider")
                    .enumType(CredentialsProvider.class)
                    .defaultValue(CredentialsProvider.AUTO)
                    .withDescription("How credentials are found.");

    public static final ConfigOption<String> AWS_ACCESS_KEY_ID =
            ConfigOptions.key("aws.credentials.basic.accesskeyid")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("The access key id, with aws.credentials.provider=BASIC.");

    public static final ConfigOption<String> AWS_SECRET_ACCESS_KEY =
            ConfigOptions.key("aws.credentials.basic.secretkey")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The secret access key, with aws.credentials.provider=BASIC. Never logged.");

    private AwsClientOptions() {}
}
