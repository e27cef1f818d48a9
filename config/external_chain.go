package config

import (
	"fmt"

	"github.com/aliyun/credentials-go/credentials/providers"
)

// externalRoot follows p's source_profile chain through ChainableRamRoleArn profiles and returns
// the External profile it ends in, with the role profiles from p down to it; nil when p is not
// such a role or the chain ends in another mode (credentials-go's CLI provider serves those).
func (c *cliConfig) externalRoot(p *cliProfile) (root *cliProfile, roles []*cliProfile) {
	for depth := 0; p != nil && depth <= maxChain; depth++ {
		switch p.Mode {
		case "ChainableRamRoleArn":
			roles = append(roles, p)
			p = c.profile(p.SourceProfile)
		case "External":
			if len(roles) == 0 {
				return nil, nil
			}
			return p, roles
		default:
			return nil, nil
		}
	}
	return nil, nil
}

// externalRoleChain builds what credentials-go's CLI provider builds for a ChainableRamRoleArn
// chain, with the same role fields, over bootlog's own External provider at its root (see
// externalProvider for why). roles runs from the profile asked for down to the External one.
// stsEndpoint, when set, replaces the STS host of every role (tests).
func externalRoleChain(root *cliProfile, roles []*cliProfile, stsEndpoint string) (providers.CredentialsProvider, error) {
	ext, err := newExternalProvider(root.Name, root.ProcessCommand)
	if err != nil {
		return nil, err
	}
	var prev providers.CredentialsProvider = ext
	for i := len(roles) - 1; i >= 0; i-- {
		r := roles[i]
		role, err := providers.NewRAMRoleARNCredentialsProviderBuilder().WithCredentialsProvider(prev).
			WithRoleArn(r.RAMRoleARN).WithRoleSessionName(r.RAMSessionName).WithDurationSeconds(r.ExpiredSeconds).
			WithStsRegionId(r.STSRegion).WithEnableVpc(r.EnableVPC).WithPolicy(r.Policy).WithExternalId(r.ExternalID).
			WithStsEndpoint(stsEndpoint).Build()
		if err != nil {
			return nil, fmt.Errorf("profile %q: %w", r.Name, err)
		}
		prev = role
	}
	return prev, nil
}
